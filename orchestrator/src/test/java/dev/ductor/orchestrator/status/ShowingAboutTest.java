package dev.ductor.orchestrator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.model.Transport;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/** Behaviour §2.4 and §2.19: {@code /info} and {@code /upgrade}. */
class ShowingAboutTest {

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private ShowingAbout about(String language, Path marker) {
        var properties = new Properties();
        properties.setProperty("version", "0.9.1");
        ObjectProvider<BuildProperties> build = mock(ObjectProvider.class);
        when(build.getIfAvailable()).thenReturn(new BuildProperties(properties));
        return new ShowingAbout(build, new Texts(new I18n(() -> language)), marker);
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
    }
}
