package dev.ductor.runner.run;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the runner's added latency and CPU per turn, against running the same fake claude directly,
 * sequentially and with 1, 4 and 16 turns at once on one runner. Run it with
 *
 * <pre>
 * ./mvnw -q -o -pl shared-model,testkit,cli-runner -am verify -DskipITs \
 *     -Dtest=CliRunnerBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=200
 * </pre>
 *
 * ({@code -Dbenchmark=N}: turns per measurement). The table goes to {@code target/benchmark-cli-runner.md}.
 * The run events are serialised to JSON as the bus would, but not sent anywhere.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "\\d+")
class CliRunnerBenchmark {

    @TempDir
    Path tmp;

    private Path fake;
    private RunExecutor executor;
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void overheadPerTurn() throws Exception {
        int turns = Integer.parseInt(System.getProperty("benchmark"));
        setUp();
        var report = new StringBuilder();
        report.append("| mode | concurrent | turns | p50 ms | p95 ms | wall s | turns/s | JVM CPU ms/turn |\n");
        report.append("|---|---|---|---|---|---|---|---|\n");
        // Warm-up of both paths (JIT, page cache).
        measure("direct", 1, Math.min(turns, 30), this::direct);
        measure("runner", 1, Math.min(turns, 30), this::viaRunner);
        Map<String, Sample> sequential = new HashMap<>();
        for (int concurrent : List.of(1, 4, 16)) {
            for (String mode : List.of("direct", "runner")) {
                Sample sample =
                        measure(mode, concurrent, turns, mode.equals("direct") ? this::direct : this::viaRunner);
                if (concurrent == 1) {
                    sequential.put(mode, sample);
                }
                report.append(sample.row()).append('\n');
            }
        }
        Sample direct = sequential.get("direct");
        Sample runner = sequential.get("runner");
        report.append(
                "\nSequential: the runner adds %.1f ms per turn at the median (%.2f× the direct run), %.1f ms JVM CPU per turn.\n"
                        .formatted(runner.p50() - direct.p50(), runner.p50() / direct.p50(), runner.cpuMsPerTurn()));
        report.append("Machine: %d CPUs, %s %s, Java %s.\n"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("java.version")));
        System.out.println(report);
        Path out = Path.of("target", "benchmark-cli-runner.md");
        Files.writeString(out, report);
    }

    private void setUp() throws IOException {
        Path bin = tmp.resolve("bin");
        fake = FakeCli.in(bin)
                .named("claude")
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install()
                .executable();
        var home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        var configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        var properties = new RunnerProperties("bench", 16, Duration.ofSeconds(5), List.of(bin));
        var active = new ActiveRuns();
        var json = ContractJson.mapper();
        RunEvents events = (String runId, Contract event, String messageId) -> json.writeValueAsBytes(event);
        var locator = new ExecutableLocator(List.of(bin), "");
        executor = new RunExecutor(
                new Providers(List.of(new ClaudeProvider())),
                locator,
                new CliEnvironment(System.getenv(), home),
                home,
                events,
                active,
                new RunMetrics(new SimpleMeterRegistry(), active, properties),
                properties,
                Executors.newScheduledThreadPool(2),
                configs,
                new DockerSandbox(locator, home, configs, tmp, null));
    }

    private void viaRunner() {
        String runId = "bench-" + runs.incrementAndGet();
        executor.execute(
                new RunRequest(
                        runId,
                        new ChatRef("tg", "main", 1, null),
                        "claude",
                        "opus",
                        "",
                        "bypassPermissions",
                        "hello",
                        null,
                        null,
                        600,
                        List.of(),
                        null,
                        null),
                () -> {});
    }

    /**
     * The same argv, the prompt written to stdin through a pipe and closed, stdout read to the end, stderr
     * discarded: what any caller of the CLI has to do, fed the way the runner feeds it.
     */
    private void direct() {
        try {
            Process process = new ProcessBuilder(
                            fake.toString(),
                            "--verbose",
                            "-p",
                            "--output-format",
                            "stream-json",
                            "--include-partial-messages",
                            "--permission-mode",
                            "bypassPermissions",
                            "--model",
                            "opus")
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write("hello".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the CLI closed its stdin without reading it, as the runner tolerates too
            }
            process.getInputStream().readAllBytes();
            process.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Sample(String mode, int concurrent, int turns, List<Double> ms, double wallS, double cpuMs) {

        double p50() {
            return ms.get(ms.size() / 2);
        }

        double p95() {
            return ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1));
        }

        double cpuMsPerTurn() {
            return cpuMs / turns;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.1f | %.1f | %.2f | %.1f | %.2f |",
                    mode,
                    concurrent,
                    turns,
                    p50(),
                    p95(),
                    wallS,
                    turns / wallS,
                    cpuMsPerTurn());
        }
    }

    private static Sample measure(String mode, int concurrent, int turns, Runnable turn) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        var remaining = new AtomicInteger(turns);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrent)) {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                workers.add(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        long start = System.nanoTime();
                        turn.run();
                        latencies.add((System.nanoTime() - start) / 1e6);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Sample(mode, concurrent, turns, sorted, wall, cpuMs);
    }
}
