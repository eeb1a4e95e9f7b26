package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turns through the Docker sandbox, against a fake {@code docker} that records its argv and runs the wrapped
 * command on the host (Docker itself is not needed).
 */
class SandboxedRunTest {

    @TempDir
    Path tmp;

    private Path cliDir;
    private Path dockerDir;
    private Path userHome;
    private DuctorHome home;
    private final RecordingRunEvents events = new RecordingRunEvents();
    private final ActiveRuns active = new ActiveRuns();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private RunExecutor executor;

    @BeforeEach
    void setUp() throws IOException {
        cliDir = Files.createDirectories(tmp.resolve("bin"));
        dockerDir = Files.createDirectories(tmp.resolve("docker"));
        userHome = Files.createDirectories(tmp.resolve("user"));
        Files.createDirectories(userHome.resolve(".claude"));
        Files.createDirectories(tmp.resolve("shared/data"));
        home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "SECRET_TOKEN=s3cret\n");
        String config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile())
                .file()
                .toString();
        Files.writeString(
                Path.of(config),
                Files.readString(Path.of(config))
                        .replaceFirst(
                                "\"docker\"\\s*:\\s*\\{[^}]*\\}",
                                "\"docker\": {\"enabled\": true, \"image_name\": \"ductor-sandbox\","
                                        + " \"container_name\": \"ductor-sb\", \"mounts\": [\""
                                        + tmp.resolve("shared/data") + "\", \"/no/such/dir\"]}"));
        var configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        var base = new HashMap<>(System.getenv());
        base.put("HOME", userHome.toString());
        var properties = new RunnerProperties("runner-d", 2, Duration.ofSeconds(5), List.of(cliDir));
        // docker is found in its own folder; the CLIs are only on the fake container's PATH.
        var locator = new ExecutableLocator(List.of(dockerDir), "");
        executor = new RunExecutor(
                new Providers(List.of(new ClaudeProvider())),
                locator,
                new CliEnvironment(base, home),
                home,
                events,
                active,
                new RunMetrics(new SimpleMeterRegistry(), active, properties),
                properties,
                scheduler,
                configs,
                new DockerSandbox(locator, home, configs, userHome, "1000:1000"));
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    /** The fake docker: records each call (args separated by US), answers inspect from a file, runs exec. */
    private void fakeDocker(boolean running) throws IOException {
        Files.writeString(dockerDir.resolve("running"), running ? "true" : "false");
        Path script = dockerDir.resolve("docker");
        Files.writeString(script, """
                #!/bin/bash
                dir="%s"
                printf '%%s\\x1f' "$@" >> "$dir/calls"; echo >> "$dir/calls"
                case "$1" in
                  inspect) cat "$dir/running"; exit 0 ;;
                  run) echo true > "$dir/running"; echo 0123456789ab; exit 0 ;;
                  exec)
                    shift
                    while [ $# -gt 0 ]; do
                      case "$1" in -w|-e|-u) shift 2 ;; -i|-t) shift ;; *) break ;; esac
                    done
                    shift
                    PATH="%s:$PATH" exec "$@" ;;
                  *) exit 0 ;;
                esac
                """.formatted(dockerDir, cliDir));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<List<String>> dockerCalls() throws IOException {
        Path calls = dockerDir.resolve("calls");
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls).stream()
                .map(line -> Arrays.asList(line.split("\u001f")))
                .toList();
    }

    private static RunRequest request(String runId) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "main", 7, null),
                "claude",
                "opus",
                "",
                "default",
                "hello there",
                "Be brief.",
                null,
                60,
                List.of(),
                null,
                null);
    }

    private RunFinished finished() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !events.all(RunFinished.class).isEmpty());
        return events.all(RunFinished.class).getFirst();
    }

    @Test
    void aTurnRunsThroughDockerExecWithContainerPathsAndVariableNamesOnly() throws IOException {
        fakeDocker(true);
        FakeCli claude = FakeCli.in(cliDir)
                .named("claude")
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();

        executor.execute(request("d1"), () -> {});

        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
        List<String> exec = dockerCalls().stream()
                .filter(call -> call.getFirst().equals("exec"))
                .findFirst()
                .orElseThrow();
        assertThat(exec)
                .startsWith("exec", "-i", "-w", "/ductor/workspace")
                .contains("DUCTOR_HOME", "DUCTOR_RUN_ID", "SECRET_TOKEN")
                .containsSubsequence("ductor-sb", "claude", "--verbose", "-p")
                .containsSubsequence("--append-system-prompt-file", "/ductor/tmp/run-d1/claude-system.md")
                .doesNotContain("s3cret", "hello there", "Be brief.")
                .noneMatch(arg -> arg.contains("PATH"));
        assertThat(exec.get(exec.indexOf("ductor-sb") + 1)).isEqualTo("claude");
        Invocation call = claude.invocations().getFirst();
        assertThat(call.stdin()).isEqualTo("hello there");
        assertThat(call.env())
                .containsEntry("DUCTOR_HOME", "/ductor")
                .containsEntry("DUCTOR_RUN_ID", "d1")
                .containsEntry("SECRET_TOKEN", "s3cret");
        assertThat(dockerCalls()).noneMatch(c -> c.getFirst().equals("run"));
    }

    @Test
    void aStoppedContainerIsStartedWithWorkspaceLoginsAndMounts() throws IOException {
        fakeDocker(false);
        FakeCli.in(cliDir)
                .named("claude")
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();

        executor.execute(request("d2"), () -> {});

        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(dockerCalls()).extracting(List::getFirst).startsWith("inspect", "info", "image", "rm", "run");
        List<String> run = dockerCalls().stream()
                .filter(call -> call.getFirst().equals("run"))
                .findFirst()
                .orElseThrow();
        assertThat(run)
                .containsSubsequence("run", "-d", "--name", "ductor-sb")
                .containsSubsequence("-w", "/ductor/workspace")
                .containsSubsequence("-v", home.root() + ":/ductor")
                .containsSubsequence("-e", "DUCTOR_HOME=/ductor")
                .containsSubsequence("--user", "1000:1000")
                .containsSubsequence("-v", userHome.resolve(".claude") + ":/home/node/.claude")
                .containsSubsequence("-v", tmp.resolve("shared/data") + ":/mnt/data")
                .noneMatch(arg -> arg.contains("/no/such/dir"))
                .endsWith("ductor-sandbox", "sleep", "infinity");
    }

    @Test
    void withoutDockerTheTurnRunsOnTheHost() throws IOException {
        FakeCli claude = FakeCli.in(dockerDir)
                .named("claude")
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();

        executor.execute(request("d3"), () -> {});

        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(claude.invocations().getFirst().env())
                .containsEntry("DUCTOR_HOME", home.root().toString());
    }

    @Test
    void stopKillsTheRunsProcessesInsideTheContainer() throws IOException {
        fakeDocker(true);
        FakeCli claude = FakeCli.in(cliDir)
                .named("claude")
                .respond(Response.lines(
                                FakeCli.sample("claude-hello.stream-json.jsonl").getFirst())
                        .spawnChild()
                        .hangs())
                .install();
        Thread.ofVirtual().start(() -> executor.execute(request("d4"), () -> {}));
        await().atMost(Duration.ofSeconds(10)).until(() -> !claude.invocations().isEmpty());
        Invocation call = claude.invocations().getFirst();

        active.cancel("d4", CancelRun.Mode.STOP);

        assertThat(finished().outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(dockerCalls()).anySatisfy(c -> assertThat(c).containsSubsequence("exec", "ductor-sb", "sh", "-c"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !RunExecutorTest.alive(call.pid()) && !RunExecutorTest.alive(call.childPid()));
    }
}
