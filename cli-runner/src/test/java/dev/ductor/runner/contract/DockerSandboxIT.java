package dev.ductor.runner.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI sandbox on a real Docker engine (behaviour §8.6, issue 17): the image is built from
 * {@code cli-runner/sandbox/Dockerfile.sandbox}, the runner starts its container and runs the real
 * {@code claude} inside it against the fake model API on the host's bridge address, and a {@code /stop}
 * ends the CLI inside the container, not only the host's {@code docker exec}. Skipped, saying why, where
 * there is no Docker engine or no {@code node:22-bookworm-slim} base image (CI builds stand-ins:
 * bin/build-base-images).
 */
class DockerSandboxIT {

    private static final String IMAGE = "ductor-sandbox-it";

    @TempDir
    Path tmp;

    private static String bridge = "";
    private FakeModelApi api;
    private RunnerUnderTest runner;
    private String container;
    private int runs;

    @BeforeAll
    static void buildTheImage() throws Exception {
        assumeTrue(docker("info").code() == 0, "no Docker engine answers here (`docker info` failed)");
        assumeTrue(
                docker("image", "inspect", "node:22-bookworm-slim").code() == 0,
                "no node:22-bookworm-slim image (pull it, or build the stand-ins with bin/build-base-images)");
        Path sandbox = Path.of("sandbox").toAbsolutePath();
        Result build = run(
                List.of(
                        "docker",
                        "build",
                        "-q",
                        "-t",
                        IMAGE,
                        "-f",
                        sandbox.resolve("Dockerfile.sandbox").toString(),
                        sandbox.toString()),
                Duration.ofMinutes(20));
        assertThat(build.code())
                .as("docker build of the sandbox image:\n" + build.out())
                .isZero();
        bridge = docker("network", "inspect", "bridge", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}")
                .out()
                .strip();
        if (bridge.isEmpty() || bridge.contains(" ")) {
            // The engine may not say it: the gateway is the docker0 interface's own address.
            var docker0 = java.net.NetworkInterface.getByName("docker0");
            bridge = docker0 == null
                    ? ""
                    : docker0.inetAddresses()
                            .filter(a -> a instanceof java.net.Inet4Address)
                            .map(InetAddress::getHostAddress)
                            .findFirst()
                            .orElse("");
        }
        assertThat(bridge).as("the bridge network's gateway address").isNotBlank();
    }

    @BeforeEach
    void start() throws IOException {
        api = FakeModelApi.start(InetAddress.getByName(bridge));
        container = "ductor-sandbox-it-" + UUID.randomUUID().toString().substring(0, 8);
        var home = new DuctorHome(tmp.resolve("ductor"));
        Files.createDirectories(home.root().resolve("config"));
        Files.writeString(home.configFile(), """
                {"docker": {"enabled": true, "image_name": "%s", "container_name": "%s"}}
                """.formatted(IMAGE, container));
        Files.writeString(
                home.envFile(),
                String.join(
                        "\n",
                        "ANTHROPIC_BASE_URL=" + api.baseUrl(),
                        "ANTHROPIC_API_KEY=sk-ant-fake",
                        "DISABLE_TELEMETRY=1",
                        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
                        "CLAUDE_CODE_MAX_RETRIES=0",
                        ""));
        Path userHome = Files.createDirectories(tmp.resolve("user-home"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", userHome.toString());
        // No CLI on the host side: the turn can only succeed inside the container.
        Path noClis = Files.createDirectories(tmp.resolve("no-clis"));
        runner = new RunnerUnderTest(noClis, home, env, "/usr/local/bin:/usr/bin:/bin");
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (api != null) {
            api.close();
        }
        if (container != null) {
            docker("rm", "-f", container);
        }
    }

    private RunRequest request(String prompt) {
        return new RunRequest(
                "sandbox-run-" + ++runs,
                new ChatRef("tg", "main", 4711, null),
                "claude",
                "claude-sandbox-test",
                "",
                "bypassPermissions",
                prompt,
                null,
                null,
                120,
                List.of(),
                null,
                null);
    }

    @Test
    void aTurnRunsTheRealClaudeInsideTheSandboxContainer() {
        api.script(Reply.shell("test -f /.dockerenv && echo inside-$(hostname)"), Reply.text("Ran in the box."));
        RunRequest request = request("where do you run?");

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).contains("Ran in the box.");
        String containerId =
                docker("inspect", "-f", "{{.Config.Hostname}}", container).out().strip();
        assertThat(api.requests(ModelApi.ANTHROPIC_MESSAGES).getLast().body())
                .as("the shell tool ran in the sandbox container")
                .contains("inside-" + containerId);
    }

    @Test
    void stopEndsTheCliInsideTheContainer() throws Exception {
        api.script(Reply.text("word ".repeat(200)).paced(100, Duration.ofMillis(500)));
        RunRequest request = request("write slowly");

        CompletableFuture<RunFinished> finished = CompletableFuture.supplyAsync(() -> runner.run(request));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> !runner.events(request.runId(), RunOutput.class).isEmpty());
        assertThat(processesOf(request.runId()))
                .as("the CLI runs in the container")
                .isPositive();

        assertThat(runner.stop(request.runId())).isTrue();

        RunFinished end = finished.get(60, TimeUnit.SECONDS);
        assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
        await().atMost(Duration.ofSeconds(20)).until(() -> processesOf(request.runId()) == 0);
    }

    /** How many processes in the container carry the run's marker. */
    private int processesOf(String runId) {
        Result found = docker(
                "exec",
                container,
                "sh",
                "-c",
                "n=0; for p in /proc/[0-9]*; do grep -qzx 'DUCTOR_RUN_ID=" + runId
                        + "' \"$p/environ\" 2>/dev/null && n=$((n+1)); done; echo $n");
        return Integer.parseInt(found.out().strip());
    }

    private record Result(int code, String out) {}

    private static Result docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, Duration.ofMinutes(2));
    }

    private static Result run(List<String> command, Duration timeout) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.getMessage();
                }
            });
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
