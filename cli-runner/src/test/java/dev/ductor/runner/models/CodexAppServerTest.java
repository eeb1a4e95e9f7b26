package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour §4.3: Codex's models through {@code codex app-server}, with a fake server that prints a recorded
 * answer of the real codex 0.169.0 and then stays up (as the real one does) with a child of its own.
 */
class CodexAppServerTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheModelsWithTheirEffortsAndLeavesNoProcessBehind() throws Exception {
        Path answer =
                Path.of(getClass().getResource("/models/codex-app-server.jsonl").toURI());
        Path codex = server("cat '" + answer + "'");

        List<ModelInfo> models =
                lister(Duration.ofSeconds(20)).list(codex, Map.of("PATH", "/usr/bin:/bin"), ModelLister.Placement.HOST);

        assertThat(models)
                .containsExactly(
                        new ModelInfo(
                                "gpt-6.1-sol",
                                "GPT-6.1-Sol",
                                "Latest workhorse model for coding and everyday work.",
                                List.of("low", "medium", "high", "xhigh"),
                                "low",
                                true),
                        new ModelInfo(
                                "gpt-6-astra",
                                "GPT-6-Astra",
                                "Frontier intelligence for the most demanding work.",
                                List.of("medium", "max"),
                                "medium",
                                false),
                        new ModelInfo("legacy-mini", "Legacy Mini", "", List.of("medium"), "medium", false));
        assertThat(Files.readAllLines(tmp.resolve("requests")))
                .containsExactlyElementsOf(CodexAppServer.REQUESTS.lines().toList());
        assertGone();
    }

    @Test
    void aServerThatNeverAnswersIsEndedAtTheDeadline() throws Exception {
        Path codex = server("true");

        long started = System.nanoTime();
        assertThatThrownBy(() -> lister(Duration.ofMillis(800))
                        .list(codex, Map.of("PATH", "/usr/bin:/bin"), ModelLister.Placement.HOST))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer model/list");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertGone();
    }

    @Test
    void anErrorAnswerIsAFailureNotAnEmptyList() throws Exception {
        Path codex = server("echo '{\"id\":2,\"error\":{\"code\":-32600,\"message\":\"not logged in\"}}'");

        assertThatThrownBy(() -> lister(Duration.ofSeconds(20))
                        .list(codex, Map.of("PATH", "/usr/bin:/bin"), ModelLister.Placement.HOST))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not logged in");
        assertGone();
    }

    /** Behaviour §4.3: with the Docker sandbox the server is the container's, started as a turn's CLI is. */
    @Test
    void inTheSandboxTheServerRunsThroughDockerExecInTheContainersWorkspace() throws Exception {
        Path answer =
                Path.of(getClass().getResource("/models/codex-app-server.jsonl").toURI());
        Path inContainer = Files.createDirectories(tmp.resolve("container-bin"));
        Files.move(server("cat '" + answer + "'"), inContainer.resolve("codex"));
        Path dockerDir = Files.createDirectories(tmp.resolve("docker"));
        Path docker = dockerDir.resolve("docker");
        Files.writeString(docker, """
                #!/bin/bash
                printf '%%s\\x1f' "$@" >> '%1$s/calls'
                [ "$1" = exec ] || exit 0
                shift
                while [ $# -gt 0 ]; do
                  case "$1" in -w|-e|-u) shift 2 ;; -i|-t) shift ;; *) break ;; esac
                done
                shift
                PATH='%2$s':"$PATH" exec "$@"
                """.formatted(dockerDir, inContainer));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
        var home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.workspace());
        var sandbox = new DockerSandbox(
                new ExecutableLocator(List.of(dockerDir), ""),
                home,
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                tmp,
                null);
        var container = new DockerSandbox.Container(docker.toString(), "ductor-sb");
        Map<String, String> base = Map.of("PATH", "/usr/bin:/bin");
        ModelLister.Placement placement =
                (argv, cwd, env, stdin) -> sandbox.place(container, argv, cwd, env, base, stdin);

        List<ModelInfo> models = new CodexAppServer(Duration.ofSeconds(20), home::workspace)
                .list(
                        Path.of("codex"),
                        Map.of("PATH", "/usr/bin:/bin", "CODEX_HOME", home.root() + "/codex-home"),
                        placement);

        assertThat(models).extracting(ModelInfo::id).containsExactly("gpt-6.1-sol", "gpt-6-astra", "legacy-mini");
        List<String> exec = List.of(Files.readString(dockerDir.resolve("calls")).split("\u001f"));
        assertThat(exec)
                .containsExactly(
                        "exec",
                        "-i",
                        "-w",
                        "/ductor/workspace",
                        "-e",
                        "CODEX_HOME",
                        "ductor-sb",
                        "codex",
                        "app-server");
        assertGone();
    }

    private CodexAppServer lister(Duration deadline) {
        return new CodexAppServer(deadline, () -> tmp);
    }

    /** A fake {@code codex}: checks its arguments, keeps the requests, answers with {@code answer}, stays up. */
    private Path server(String answer) throws IOException {
        Path script = tmp.resolve("codex");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = app-server ] || exit 9
                echo $$ > '%1$s/pids'
                sleep 300 &
                echo $! >> '%1$s/pids'
                head -n 2 > '%1$s/requests'
                %2$s
                sleep 300
                """.formatted(tmp, answer));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Every process of the fake server ends (a signalled one may take a moment to be gone). */
    private void assertGone() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> pids = Files.readAllLines(tmp.resolve("pids"));
        while (pids.stream().anyMatch(p -> running(p.strip())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (String pid : pids) {
            assertThat(running(pid.strip()))
                    .as("process " + pid + " still runs")
                    .isFalse();
        }
    }

    /** Alive and not a zombie waiting to be reaped by whoever adopted it. */
    private static boolean running(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }
}
