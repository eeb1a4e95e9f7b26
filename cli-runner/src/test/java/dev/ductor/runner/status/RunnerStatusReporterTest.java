package dev.ductor.runner.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus;
import dev.ductor.model.RunnerStatus.ProviderStatus;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.models.DiscoveredModels;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import dev.ductor.runner.provider.codex.CodexProvider;
import dev.ductor.runner.provider.gemini.GeminiProvider;
import dev.ductor.runner.run.ActiveRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner reports about itself and its CLIs. */
class RunnerStatusReporterTest {

    @TempDir
    Path tmp;

    private final List<RunnerStatus> published = new CopyOnWriteArrayList<>();

    @Test
    void reportsSlotsRunsAndPerProviderInstallAuthAndVersion() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path claude = bin.resolve("claude");
        Files.writeString(claude, "#!/bin/sh\necho '2.1.197 (Claude Code)'\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path gemini = bin.resolve("gemini");
        Files.writeString(gemini, "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(gemini, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path userHome = tmp.resolve("user");
        Files.createDirectories(userHome.resolve(".claude"));
        Files.writeString(userHome.resolve(".claude/.credentials.json"), "{}");
        var home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "OPENAI_API_KEY=sk-from-dotenv\n");
        var providers = new Providers(List.of(new ClaudeProvider(), new CodexProvider(), new GeminiProvider()));
        var locator = new ExecutableLocator(List.of(bin), "");
        var environment = new CliEnvironment(Map.of("HOME", userHome.toString()), home);
        var configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        var reporter = new RunnerStatusReporter(
                providers,
                locator,
                new Logins(providers, environment, configs),
                configs,
                new ActiveRuns(),
                new RunnerProperties("runner-s", 3, Duration.ofSeconds(5), List.of(bin)),
                (status, id) -> published.add(status),
                new DiscoveredModels(
                        providers,
                        locator,
                        environment,
                        configs,
                        home,
                        new DockerSandbox(locator, home, configs, userHome, null)));

        reporter.report();

        RunnerStatus status = published.getFirst();
        assertThat(status.runnerId()).isEqualTo("runner-s");
        assertThat(status.slots()).isEqualTo(3);
        assertThat(status.activeRunIds()).isEmpty();
        assertThat(status.providers())
                .containsExactly(
                        new ProviderStatus("claude", true, true, "2.1.197 (Claude Code)"),
                        new ProviderStatus("codex", false, true, null),
                        new ProviderStatus("gemini", true, false, null));
    }
}
