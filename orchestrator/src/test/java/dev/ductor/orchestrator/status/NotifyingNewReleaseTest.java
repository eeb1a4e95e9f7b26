package dev.ductor.orchestrator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.lifecycle.NoticeTargets;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.testkit.releases.FakeReleases;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/** Behaviour §2.19: the background update check tells everyone of a new release once per version. */
class NotifyingNewReleaseTest {

    @TempDir
    Path root;

    private final FakeReleases releases = FakeReleases.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Replies replies = mock(Replies.class);
    private final ChatRef alice = new ChatRef("tg", "main", 11, null);
    private final ChatRef bob = new ChatRef("tg", "main", 22, null);
    private DuctorHome home;
    private UpgradeProperties upgrade;
    private CheckingNewestRelease newest;

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\": [11, 22], \"language\": \"en\"}");
        upgrade = new UpgradeProperties(
                releases.latestUrl(),
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                Duration.ofHours(6));
        newest = new CheckingNewestRelease(upgrade, clock);
    }

    @AfterEach
    void stopReleases() {
        releases.close();
    }

    @SuppressWarnings("unchecked")
    private NotifyingNewRelease notifier() {
        var properties = new Properties();
        properties.setProperty("version", "0.9.1");
        ObjectProvider<BuildProperties> build = mock(ObjectProvider.class);
        when(build.getIfAvailable()).thenReturn(new BuildProperties(properties));
        Texts texts = new Texts(new I18n(() -> "en"));
        ConfigStore config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        return new NotifyingNewRelease(
                newest,
                new ShowingAbout(build, texts, root.resolve("no-dockerenv"), newest),
                config,
                new NoticeTargets(config, Gateways.parse(List.of("tg.main")), mock(SessionStore.class)),
                replies,
                texts,
                upgrade,
                home);
    }

    @Test
    void aLaterReleaseIsToldToEveryoneOncePerVersionAcrossRestarts() {
        releases.latest("v0.10.0");
        notifier().check();

        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(replies).runText(eq("upgrade-notice-0.10.0"), anyString(), eq(alice), text.capture(), isNull());
        verify(replies).runText(eq("upgrade-notice-0.10.0"), anyString(), eq(bob), anyString(), isNull());
        assertThat(text.getValue()).isEqualTo("""
                **Update available**

                ───

                Running: `0.9.1`
                New: `0.10.0`
                Release notes: https://example.invalid/releases/tag/v0.10.0

                Send /upgrade to see how to upgrade this deployment.""");
        assertThat(home.stateDir("orchestrator").resolve("upgrade-notice.json"))
                .content()
                .contains("0.10.0");

        clearInvocations(replies);
        clock.advance(Duration.ofHours(6));
        notifier().check();
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
        assertThat(releases.requests()).as("asked again, told nothing new").isEqualTo(2);

        releases.latest("v0.11.0");
        clock.advance(Duration.ofHours(6));
        notifier().check();
        verify(replies).runText(eq("upgrade-notice-0.11.0"), anyString(), eq(alice), anyString(), isNull());
    }

    @Test
    void upgradeTargetsNameTheChatsNotTheStartTargetsAndAllDisabledTargetsTellNoOne() throws Exception {
        Files.writeString(home.configFile(), """
                {"allowed_user_ids": [11, 22], "notifications": {
                  "startup_targets": [{"chat_id": 33}],
                  "upgrade_targets": [{"enabled": true, "chat_id": -100500, "topic_id": 9}, {"enabled": false, "chat_id": 22}]}}""");
        releases.latest("v0.10.0");
        notifier().check();

        verify(replies)
                .runText(
                        eq("upgrade-notice-0.10.0"),
                        anyString(),
                        eq(new ChatRef("tg", "main", -100500, 9L)),
                        anyString(),
                        isNull());
        verify(replies).runText(anyString(), anyString(), any(), anyString(), any());

        clearInvocations(replies);
        Files.writeString(home.configFile(), """
                {"allowed_user_ids": [11, 22], "notifications": {"upgrade_targets": [{"enabled": false, "chat_id": 22}]}}""");
        releases.latest("v0.11.0");
        clock.advance(Duration.ofHours(6));
        notifier().check();
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
    }

    @Test
    void theRunningVersionOrAnOlderOneAndUpdateCheckOffTellNothing() throws Exception {
        releases.latest("v0.9.1");
        notifier().check();
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());

        Files.writeString(home.configFile(), "{\"allowed_user_ids\": [11], \"update_check\": false}");
        releases.latest("v1.0.0");
        clock.advance(Duration.ofHours(6));
        notifier().check();
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
    }

    @Test
    void aDeadSourceHoldsUpTheNextAsksOnlyOnce() {
        releases.hangFor(Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertThat(newest.newest()).isInstanceOf(CheckingNewestRelease.Unreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        start = System.nanoTime();
        assertThat(newest.newest()).isInstanceOf(CheckingNewestRelease.Unreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the failure is reused, the source not asked again")
                .isLessThan(Duration.ofMillis(200));
        assertThat(releases.requests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        start = System.nanoTime();
        assertThat(newest.newest()).isInstanceOf(CheckingNewestRelease.Unreachable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("asked again once the failure is older than failure-cache")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
