package dev.ductor.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import dev.ductor.runner.provider.codex.CodexProvider;
import dev.ductor.runner.provider.gemini.GeminiProvider;
import dev.ductor.runner.status.Logins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner prepares the workspace at its start for the CLIs logged in on its machine, then keeps it in sync. */
class PreparingWorkspaceAtStartTest {

    @TempDir
    Path tmp;

    private PreparingWorkspaceAtStart preparing;

    @AfterEach
    void stop() {
        if (preparing != null) {
            preparing.stop();
        }
    }

    @Test
    void seedsAtStartForTheLoggedInClisAndSyncsEditsAfterwards() throws IOException {
        Path user = tmp.resolve("user");
        Files.createDirectories(user.resolve(".claude"));
        Files.writeString(user.resolve(".claude/.credentials.json"), "{}");
        Files.writeString(
                Files.createDirectories(user.resolve(".claude/skills/pdf")).resolve("SKILL.md"), "pdf");
        var home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "OPENAI_API_KEY=sk-from-dotenv\n");
        preparing = preparing(user, home);

        preparing.start();

        Path workspace = home.workspace();
        assertThat(workspace.resolve("memory_system/MAINMEMORY.md")).content().startsWith("# Main Memory");
        assertThat(workspace.resolve("CLAUDE.md")).exists();
        assertThat(workspace.resolve("AGENTS.md")).hasSameTextualContentAs(workspace.resolve("CLAUDE.md"));
        assertThat(workspace.resolve("GEMINI.md")).as("gemini is not logged in").doesNotExist();
        assertThat(workspace.resolve("skills/pdf/SKILL.md")).hasContent("pdf");

        Files.writeString(workspace.resolve("CLAUDE.md"), "edited by the user");
        Files.setLastModifiedTime(
                workspace.resolve("CLAUDE.md"), FileTime.from(Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(workspace.resolve("AGENTS.md")).hasContent("edited by the user"));
    }

    @Test
    void aCliLoggedInAfterTheStartGetsItsRuleFilesAtTheNextSync() throws IOException {
        Path user = tmp.resolve("user");
        Files.createDirectories(user.resolve(".claude"));
        Files.writeString(user.resolve(".claude/.credentials.json"), "{}");
        var home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        preparing = preparing(user, home);
        preparing.start();
        Path workspace = home.workspace();
        assertThat(workspace.resolve("CLAUDE.md")).exists();
        assertThat(workspace.resolve("GEMINI.md")).doesNotExist();

        Files.writeString(home.envFile(), "GEMINI_API_KEY=from-dotenv\n");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(workspace.resolve("GEMINI.md")).exists();
            assertThat(home.root().resolve("GEMINI.md")).exists();
        });
        assertThat(workspace.resolve("GEMINI.md")).hasSameTextualContentAs(workspace.resolve("CLAUDE.md"));
        assertThat(workspace.resolve("CLAUDE.md")).content().contains("GEMINI.md");
    }

    private static PreparingWorkspaceAtStart preparing(Path user, DuctorHome home) {
        var environment = new CliEnvironment(Map.of("HOME", user.toString()), home);
        var providers = new Providers(List.of(new ClaudeProvider(), new CodexProvider(), new GeminiProvider()));
        var configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        return new PreparingWorkspaceAtStart(
                new Logins(providers, environment, configs), environment, home, Duration.ofMillis(100));
    }
}
