package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.codex.CodexProvider;
import dev.ductor.runner.provider.gemini.GeminiProvider;
import dev.ductor.testkit.time.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §4.3/§4.4: when the runner asks its CLIs for their models, and what it keeps. */
class DiscoveredModelsTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakeLister codex = new FakeLister("codex");
    private DiscoveredModels discovered;
    private DuctorHome home;

    @BeforeEach
    void installCodexOnly() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path exe = Files.writeString(bin.resolve("codex"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "CODEX_HOME=/elsewhere/.codex\n");
        discovered = new DiscoveredModels(
                List.of(codex, new FakeLister("gemini")),
                new Providers(List.of(new CodexProvider(), new GeminiProvider())),
                new ExecutableLocator(List.of(bin), ""),
                new CliEnvironment(Map.of("PATH", "/usr/bin"), home),
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                sandbox(home, tmp.resolve("no-docker")),
                clock);
    }

    private static DockerSandbox sandbox(DuctorHome home, Path dockerDir) {
        return new DockerSandbox(
                new ExecutableLocator(List.of(dockerDir), ""),
                home,
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                home.root(),
                null);
    }

    @Test
    void withTheSandboxEveryCliIsAskedInTheContainer() throws IOException {
        ConfigStore configs = sandboxed();
        Path docker = fakeDocker(tmp.resolve("docker"), tmp.resolve("nowhere"));
        Files.delete(tmp.resolve("bin/codex")); // not on the host: only in the container
        var gemini = new FakeLister("gemini");
        gemini.answer = List.of(ModelInfo.named("gemini-in-box"));
        codex.answer = List.of(ModelInfo.named("gpt-in-box"));
        var boxed = boxed(List.of(codex, gemini), configs, docker.getParent());

        boxed.askDue();

        assertThat(boxed.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-in-box");
        assertThat(codex.executables).containsExactly(Path.of("codex"));
        var placed = codex.placements
                .getFirst()
                .place(List.of("codex", "app-server"), home.workspace(), Map.of("PATH", "/usr/bin"), true);
        assertThat(placed.argv())
                .containsExactly(
                        docker.toString(), "exec", "-i", "-w", "/ductor/workspace", "ductor-sb", "codex", "app-server");
        assertThat(boxed.of("gemini")).extracting(ModelInfo::id).containsExactly("gemini-in-box");
        assertThat(gemini.executables)
                .as("the container's gemini, not the host's")
                .containsExactly(Path.of("gemini"));
        assertThat(gemini.placements).doesNotContain(ModelLister.Placement.HOST);
    }

    @Test
    void withTheSandboxGeminisModelsAreReadFromTheContainersInstallation() throws IOException {
        ConfigStore configs = sandboxed();
        // the container's gemini: an installation the host's PATH and cli dirs do not know
        Path pkg = Files.createDirectories(tmp.resolve("box/lib/node_modules/@google/gemini-cli/bundle"));
        Files.writeString(pkg.resolveSibling("package.json"), "{\"name\": \"@google/gemini-cli\"}");
        Files.setPosixFilePermissions(
                Files.writeString(pkg.resolve("gemini.js"), "#!/usr/bin/env node\n"),
                PosixFilePermissions.fromString("rwx------"));
        Files.writeString(pkg.resolve("chunk-Q.js"), """
                var PRO = "gemini-2.5-pro";
                var VALID_GEMINI_MODELS = new Set([PRO, "gemini-2.5-flash"]);
                """);
        Path boxBin = Files.createDirectories(tmp.resolve("box/bin"));
        Files.createSymbolicLink(boxBin.resolve("gemini"), pkg.resolve("gemini.js"));
        Path docker = fakeDocker(tmp.resolve("docker"), boxBin);
        var boxed = boxed(
                List.of(new GeminiModelFiles(Duration.ofSeconds(10), () -> home.root())), configs, docker.getParent());

        boxed.askDue();

        assertThat(boxed.of("gemini")).extracting(ModelInfo::id).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        assertThat(Files.readString(tmp.resolve("docker/calls")))
                .as("read through docker exec in the sandbox's container")
                .contains("exec ", "ductor-sb sh -c");
    }

    /** The config with {@code docker.enabled} and the container {@code ductor-sb}. */
    private ConfigStore sandboxed() throws IOException {
        ConfigStore configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        Files.writeString(
                configs.file(),
                Files.readString(configs.file())
                        .replaceFirst(
                                "\"docker\"\\s*:\\s*\\{[^}]*\\}",
                                "\"docker\": {\"enabled\": true, \"container_name\": \"ductor-sb\"}"));
        return configs;
    }

    /**
     * A {@code docker} whose container is running and whose {@code exec} runs the command on this machine with
     * {@code boxPath} as its PATH (the container's installation), recording each call in {@code calls} beside it.
     */
    private static Path fakeDocker(Path dir, Path boxPath) throws IOException {
        Files.createDirectories(dir);
        Path docker = Files.writeString(
                dir.resolve("docker"), """
                #!/bin/sh
                echo "$*" | head -c 200 >> "%s"; echo >> "%s"
                [ "$1" = inspect ] && { echo true; exit 0; }
                shift
                while [ $# -gt 0 ]; do
                    case "$1" in
                        -i) shift ;;
                        -w | -e) shift 2 ;;
                        *) break ;;
                    esac
                done
                shift
                PATH="%s:/usr/bin:/bin" exec "$@"
                """.formatted(dir.resolve("calls"), dir.resolve("calls"), boxPath));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
        return docker;
    }

    private DiscoveredModels boxed(List<ModelLister> listers, ConfigStore configs, Path dockerDir) {
        return new DiscoveredModels(
                listers,
                new Providers(List.of(new CodexProvider(), new GeminiProvider())),
                new ExecutableLocator(List.of(tmp.resolve("bin")), ""),
                new CliEnvironment(Map.of("PATH", "/usr/bin"), home),
                configs,
                sandbox(home, dockerDir),
                clock);
    }

    @Test
    void asksAtStartThenOnlyAfterAnHourWithTheEnvironmentOfATurn() {
        codex.answer = List.of(ModelInfo.named("gpt-a"));

        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");
        assertThat(codex.envs.getFirst()).containsEntry("CODEX_HOME", "/elsewhere/.codex");
        assertThat(discovered.of("gemini")).as("gemini is not installed").isNull();

        clock.advance(Duration.ofMinutes(59));
        discovered.askDue();
        assertThat(codex.envs).hasSize(1);

        codex.answer = List.of(ModelInfo.named("gpt-a"), ModelInfo.named("gpt-b"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a", "gpt-b");

        clock.advance(Duration.ofHours(1));
        assertThat(discovered.askDue()).as("the same answer is no change").isFalse();
    }

    @Test
    void aFailedAskKeepsTheEarlierAnswerAndIsRetriedAfterAMinute() {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        discovered.askDue();

        codex.answer = null;
        clock.advance(Duration.ofHours(1));
        assertThat(discovered.askDue()).isFalse();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");

        codex.answer = List.of(ModelInfo.named("gpt-c"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-c");
    }

    @Test
    void aCliThatIsNoLongerInstalledLosesItsModelList() throws IOException {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        discovered.askDue();

        Files.delete(tmp.resolve("bin/codex"));
        clock.advance(Duration.ofHours(1));

        assertThat(discovered.askDue()).as("a report follows").isTrue();
        assertThat(discovered.of("codex")).isNull();
        assertThat(codex.envs).hasSize(1);
    }

    @Test
    void theBackgroundAskTellsWhenItChangedSomething() throws InterruptedException {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        var done = new CountDownLatch(1);

        discovered.refreshIfDue(done::countDown);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");
        discovered.close();
    }

    private static class FakeLister implements ModelLister {
        private final String provider;
        List<ModelInfo> answer;
        final List<Map<String, String>> envs = new ArrayList<>();
        final List<Path> executables = new ArrayList<>();
        final List<Placement> placements = new ArrayList<>();

        FakeLister(String provider) {
            this.provider = provider;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public List<ModelInfo> list(Path executable, Map<String, String> env, Placement placement) throws IOException {
            envs.add(env);
            executables.add(executable);
            placements.add(placement);
            if (answer == null) {
                throw new IOException("cannot tell");
            }
            return answer;
        }
    }
}
