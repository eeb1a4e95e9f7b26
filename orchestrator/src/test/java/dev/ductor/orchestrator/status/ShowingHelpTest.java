package dev.ductor.orchestrator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.Runners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowingHelpTest {

    @TempDir
    Path root;

    private ShowingHelp help(String language, List<RunnerStatus> runners) throws Exception {
        Path file = root.resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[1],\"model\":\"opus\",\"language\":\"" + language + "\"}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), file);
        var i18n = new I18n(() -> config.current().language());
        var alive = mock(Runners.class);
        when(alive.alive()).thenReturn(runners);
        return new ShowingHelp(new Texts(i18n), config, alive);
    }

    @Test
    void helpListsTheCommandsByCategoryWithTheirMenuDescriptions() throws Exception {
        assertThat(help("en", List.of()).help()).isEqualTo("""
                        **Command Reference**

                        ───

                        Daily
                        /new -- Start new chat
                        /reset -- Reset current chat
                        /stop -- Stop current + queued msgs
                        /interrupt -- Interrupt current, keep queue
                        /stop_all -- Kill everything
                        /model -- Show/switch model
                        /status -- Session info
                        /memory -- Show main memory
                        Automation
                        /cron -- Manage cron jobs
                        Browse & Info
                        /where
                        /leave
                        /help -- Show all commands
                        Maintenance
                        /diagnose -- System diagnostics
                        /restart -- Restart bot

                        ───

                        Send any message to start working with your agent.""");
    }

    @Test
    void theWelcomeNamesTheUserAndTheLoggedInClis() throws Exception {
        var runner = new RunnerStatus(
                "r1",
                2,
                List.of(),
                List.of(
                        new RunnerStatus.ProviderStatus("claude", true, true, null),
                        new RunnerStatus.ProviderStatus("codex", true, true, null),
                        new RunnerStatus.ProviderStatus("gemini", true, false, null)),
                Instant.now());
        assertThat(help("en", List.of(runner)).welcome("Ada"))
                .startsWith("**Welcome to ductor.dev, Ada!**")
                .contains("Claude Code + Codex authenticated.\nModel: **opus**", "/help — all commands");
        assertThat(help("en", List.of()).welcome(""))
                .startsWith("**Welcome to ductor.dev!**")
                .contains("No CLI authenticated yet.");
    }

    @Test
    void unknownCommandsAreAnsweredKnownOnesAndTextAreNot() throws Exception {
        var help = help("en", List.of());
        assertThat(help.unknownCommand("/frobnicate now"))
                .contains("Unknown command /frobnicate. /help lists the commands.");
        assertThat(help.unknownCommand("/tasks@ductor_bot"))
                .contains("/tasks is not available in this version of ductor. /help lists the commands.");
        assertThat(help.unknownCommand("/status")).isEmpty();
        assertThat(help.unknownCommand("/usr/bin/env is broken")).isEmpty();
        assertThat(help.unknownCommand("hello /foo")).isEmpty();
        assertThat(help("de", List.of()).unknownCommand("/frobnicate"))
                .get()
                .asString()
                .doesNotStartWith("Unknown");
    }
}
