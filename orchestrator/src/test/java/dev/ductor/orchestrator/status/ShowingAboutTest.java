package dev.ductor.orchestrator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.model.Transport;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.testkit.releases.FakeReleases;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/** Behaviour §2.4 and §2.19: {@code /info} and {@code /upgrade}. */
class ShowingAboutTest {

    @TempDir
    Path tmp;

    private final FakeReleases releases = FakeReleases.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private String releasesUrl = "";

    @AfterEach
    void stopReleases() {
        releases.close();
    }

    @SuppressWarnings("unchecked")
    private ShowingAbout about(String language, Path marker) {
        var properties = new Properties();
        properties.setProperty("version", "0.9.1");
        ObjectProvider<BuildProperties> build = mock(ObjectProvider.class);
        when(build.getIfAvailable()).thenReturn(new BuildProperties(properties));
        var upgrade = new UpgradeProperties(
                releasesUrl, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(6));
        return new ShowingAbout(
                build, new Texts(new I18n(() -> language)), marker, new CheckingNewestRelease(upgrade, clock));
    }

    @Test
    void infoNamesTheVersionAndWhatTheBotIs() {
        assertThat(about("en", tmp.resolve("none")).info(Transport.TELEGRAM)).isEqualTo("""
                **ductor.dev**

                Version: `0.9.1`

                ───

                AI coding agents (Claude, Codex, Gemini) on Telegram.
                Named sessions, persistent memory, cron jobs, webhooks, live streaming.

                ───

                /help lists the commands, /diagnose shows the health of this deployment, /upgrade how to update it.""");
    }

    @Test
    void onMatrixInfoSaysTheAgentsAreOnMatrix() {
        assertThat(about("en", tmp.resolve("none")).info(Transport.MATRIX))
                .contains("\n\nAI coding agents (Claude, Codex, Gemini) on Matrix.\nNamed sessions,")
                .doesNotContain("Telegram");
        assertThat(about("fr", tmp.resolve("none")).info(Transport.MATRIX))
                .contains("(Claude, Codex, Gemini) sur Matrix.");
    }

    @Test
    void upgradeTellsHowThisDeploymentIsUpgraded() throws Exception {
        String jars = about("en", tmp.resolve("none")).upgrade();
        assertThat(jars)
                .startsWith("**Upgrade**\n\n───\n\nRunning: `0.9.1` (Java "
                        + Runtime.version().feature() + ")");
        assertThat(jars).contains("plain jars").contains("`./mvnw -DskipTests package`");

        Path marker = Files.writeString(tmp.resolve(".dockerenv"), "");
        String compose = about("de", marker).upgrade();
        assertThat(compose)
                .contains("Docker Compose")
                .contains("`git pull && docker compose build && docker compose up -d`");
        assertThat(compose).contains("Der Bot aktualisiert sich nicht selbst.");
        assertThat(jars).contains("Newest release: not checked — no release source is configured");
        assertThat(releases.requests()).isZero();
    }

    @Test
    void upgradeNamesTheNewestReleaseAndWhetherItIsNewer() {
        releasesUrl = releases.latestUrl();
        releases.latest("v0.10.0");
        ShowingAbout about = about("en", tmp.resolve("none"));

        assertThat(about.upgrade())
                .contains("Running: `0.9.1`")
                .contains("Newest release: `0.10.0` — an update is available.\nRelease notes:"
                        + " https://example.invalid/releases/tag/v0.10.0");

        releases.latest("v0.9.1");
        assertThat(about.upgrade()).as("found versions are reused for a while").contains("`0.10.0`");
        clock.advance(Duration.ofMinutes(11));
        assertThat(about.upgrade()).contains("Newest release: `0.9.1` — you're running the latest version.");
        assertThat(releases.requests()).isEqualTo(2);
    }

    @Test
    void anUnreachableReleaseSourceIsSaidSoAndTheRestIsShown() {
        releasesUrl = releases.latestUrl();
        releases.failWith(503);
        assertThat(about("en", tmp.resolve("none")).upgrade())
                .contains("Could not reach the release source to check for updates. Try again later.")
                .contains("plain jars");

        releases.failWith(0).hangFor(Duration.ofSeconds(5));
        long start = System.nanoTime();
        String slow = about("fr", tmp.resolve("none")).upgrade();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4500));
        assertThat(slow).contains("Impossible de joindre la source de versions");

        releasesUrl = "http://127.0.0.1:1/releases/latest";
        assertThat(about("en", tmp.resolve("none")).upgrade()).contains("Could not reach the release source");
    }

    @Test
    void versionsCompareAsDottedNumbers() {
        assertThat(CheckingNewestRelease.isNewer("0.10.0", "0.9.1")).isTrue();
        assertThat(CheckingNewestRelease.isNewer("v1.0", "0.99.99")).isTrue();
        assertThat(CheckingNewestRelease.isNewer("0.1.0", "0.1.0-SNAPSHOT")).isFalse();
        assertThat(CheckingNewestRelease.isNewer("0.1.1", "0.1.0-SNAPSHOT")).isTrue();
        assertThat(CheckingNewestRelease.isNewer("0.9.0", "0.9.1")).isFalse();
    }
}
