package dev.ductor.orchestrator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowingWelcomeTest {

    @TempDir
    Path root;

    private ShowingWelcome welcome(String language, List<RunnerStatus> runners) throws Exception {
        Path file = root.resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[1],\"model\":\"opus\",\"language\":\"" + language + "\"}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), file);
        var i18n = new I18n(() -> config.current().language());
        var alive = mock(Runners.class);
        when(alive.alive()).thenReturn(runners);
        when(alive.loggedIn()).thenCallRealMethod();
        return new ShowingWelcome(new Texts(i18n), config, alive);
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
        assertThat(welcome("en", List.of(runner)).welcome("Ada"))
                .startsWith("**Welcome to ductor.dev, Ada!**")
                .contains("Claude Code + Codex authenticated.\nModel: **opus**", "/help — all commands");
        assertThat(welcome("en", List.of()).welcome(""))
                .startsWith("**Welcome to ductor.dev!**")
                .contains("No CLI authenticated yet.");
    }
}
