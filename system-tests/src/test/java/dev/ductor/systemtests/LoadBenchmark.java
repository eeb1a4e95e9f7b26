package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: many chats conversing at once through the whole stack (gateway, broker, orchestrator, two
 * runners, the fake Bot API), with an instant fake CLI, beside the same CLI run directly in the same run.
 * Not part of the build (its name does not end in IT); run it with
 * {@code -Dit.test=LoadBenchmark -Dbenchmark=true} (docs/benchmarks/load.md). Figures go to
 * {@code target/load-benchmark.md}.
 */
@DuctorSystemTest
class LoadBenchmark {

    private static final long FIRST_CHAT = 700_000;
    private static final int[] ROUNDS = Arrays.stream(
                    System.getProperty("benchmark.chats", "10,100,500").split(","))
            .map(String::strip)
            .mapToInt(Integer::parseInt)
            .toArray();
    private static final int MAX_CHATS = Arrays.stream(ROUNDS).max().orElse(10);
    /** The CLI's own time per turn when the runners' slots should be the bottleneck. */
    private static final Duration SLOW_CLI = Duration.ofMillis(400);

    private final DuctorStack stack;
    private final StringBuilder report = new StringBuilder();
    private FakeCli claude;

    LoadBenchmark(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void prepare() throws IOException {
        assumeTrue(Boolean.getBoolean("benchmark"), "a benchmark: run with -Dbenchmark=true");
        Path config = stack.home().resolve("config/config.json");
        String ids = LongStream.range(FIRST_CHAT, FIRST_CHAT + MAX_CHATS)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", "));
        Files.writeString(
                config,
                Files.readString(config).replace("\"allowed_user_ids\": [", "\"allowed_user_ids\": [" + ids + ", "));
        stack.withSecondRunner();
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
    }

    @Test
    void chatsConversingAtOnce() throws Exception {
        stack.awaitVersionProbes(claude);
        // testkit's FakeCli records every call and numbers it by probing call folders one by one, which costs
        // more with every call: hundreds of turns need a CLI that only answers.
        instantCli(Duration.ZERO);
        line("# Load through the whole stack");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average at the start "
                + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + "; Java "
                + Runtime.version() + "; two runners of 4 slots each; FakeTelegram without rate limits.");
        line("");
        line("| chats | turns/s | JVM CPU ms/turn | first text p50 | p99 | direct CLI p50 | p99 | added p50 | added p99"
                + " | direct turns/s | direct burst p50 | p99 |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        int round = 0;
        for (int chats : ROUNDS) {
            round++;
            Direct direct = direct(chats, 8);
            Figures stackRun = conversation(chats, round);
            line(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %.1f | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms | %.1f | %d ms | %d ms |",
                    chats,
                    stackRun.perSecond,
                    stackRun.cpuMillisPerTurn,
                    stackRun.p50,
                    stackRun.p99,
                    direct.p50,
                    direct.p99,
                    stackRun.p50 - direct.p50,
                    stackRun.p99 - direct.p99,
                    direct.perSecond,
                    direct.burstP50,
                    direct.burstP99));
        }
        line("");
        // Scaling: a CLI that takes SLOW_CLI per turn, so the runners' slots are the bottleneck.
        instantCli(SLOW_CLI);
        int chats = Math.min(MAX_CHATS, 100);
        Figures two = conversation(chats, ++round);
        stack.services().get("cli-runner-2").stop();
        Figures one = conversation(chats, ++round);
        line(String.format(
                Locale.ROOT,
                "Scaling with a CLI that takes %d ms per turn, %d chats: two runners %.1f turns/s, one runner"
                        + " %.1f turns/s (ratio %.2f).",
                SLOW_CLI.toMillis(),
                chats,
                two.perSecond,
                one.perSecond,
                two.perSecond / one.perSecond));
        Path out = Path.of("target", "load-benchmark.md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    /**
     * Replaces the fake {@code claude} on the runners' PATH with a script that reads its prompt and prints the
     * captured one-answer stream, after {@code delay}; it records nothing.
     */
    private void instantCli(Duration delay) throws IOException {
        Path script = claude.executable();
        String lines = FakeCli.sample("claude-hello.stream-json.jsonl").stream()
                .map(line -> "'" + line.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        String pause = delay.isZero() ? "" : "sleep " + delay.toMillis() / 1000.0 + "\n";
        Path next = script.resolveSibling(".claude.next");
        Files.writeString(next, "#!/bin/sh\ncat >/dev/null\n" + pause + "printf '%s\\n' " + lines + "\n");
        next.toFile().setExecutable(true);
        Files.move(
                next,
                script,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    record Figures(double perSecond, double cpuMillisPerTurn, long p50, long p99) {}

    /** One message in each of {@code chats} private chats at once; each chat's first visible answer. */
    private Figures conversation(int chats, int round) throws IOException {
        long cpuBefore = jvmCpuMillis();
        Map<Long, Instant> sent = new HashMap<>();
        Instant start = Instant.now();
        for (int i = 0; i < chats; i++) {
            long chat = FIRST_CHAT + i;
            sent.put(chat, Instant.now());
            stack.telegram().sendUserMessage(chat, chat, "question " + round + " in chat " + i);
        }
        Map<Long, Instant> answered = new HashMap<>();
        await("every chat's answer, round " + round)
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (RecordedRequest request : stack.telegram().requests("sendMessage")) {
                        if (request.status() != 200 || request.at().isBefore(start)) {
                            continue;
                        }
                        long chat = Long.parseLong(request.param("chat_id"));
                        Instant at = sent.get(chat);
                        if (at != null && !request.at().isBefore(at)) {
                            answered.merge(chat, request.at(), (a, b) -> a.isBefore(b) ? a : b);
                        }
                    }
                    return answered.size() == chats;
                });
        Instant last = answered.values().stream().max(Instant::compareTo).orElseThrow();
        long[] latencies = sent.entrySet().stream()
                .mapToLong(e ->
                        Duration.between(e.getValue(), answered.get(e.getKey())).toMillis())
                .sorted()
                .toArray();
        // The runners' last turns may still be finishing their bookkeeping: let the CPU settle.
        sleep(Duration.ofSeconds(2));
        double cpu = (jvmCpuMillis() - cpuBefore) / (double) chats;
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        return new Figures(chats / seconds, cpu, percentile(latencies, 50), percentile(latencies, 99));
    }

    /**
     * The same CLI run directly: each turn's own latency (p50, p99), and the latency of the same burst — all
     * {@code turns} submitted at once, {@code concurrency} at a time — from submission (burst p50, p99): what
     * the CLI alone costs a burst of that many chats on this machine, the floor under the stack's figures.
     */
    record Direct(double perSecond, long p50, long p99, long burstP50, long burstP99) {}

    private Direct direct(int turns, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Long>> results = new ArrayList<>();
        long submitted = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < turns; i++) {
            results.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                Process process = new ProcessBuilder(
                                claude.executable().toString(), "-p", "--output-format", "stream-json")
                        .redirectErrorStream(true)
                        .start();
                process.getOutputStream().close();
                process.getInputStream().readAllBytes();
                process.waitFor();
                long end = System.nanoTime();
                return ((end - t0) / 1_000_000) << 32 | (end - submitted) / 1_000_000;
            }));
        }
        long[] own = new long[turns];
        long[] burst = new long[turns];
        for (int i = 0; i < turns; i++) {
            long both = results.get(i).get();
            own[i] = both >>> 32;
            burst[i] = both & 0xffffffffL;
        }
        pool.shutdown();
        Arrays.sort(own);
        Arrays.sort(burst);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return new Direct(
                turns / seconds,
                percentile(own, 50),
                percentile(own, 99),
                percentile(burst, 50),
                percentile(burst, 99));
    }

    /** User plus system CPU of every service JVM (not of the CLIs they start), in milliseconds. */
    private long jvmCpuMillis() throws IOException {
        long ticks = 0;
        for (ServiceProcess service : stack.services().values()) {
            long pid = service.pid();
            if (pid <= 0 || !service.alive()) {
                continue;
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long percentile(long[] sorted, int p) {
        assertThat(sorted).isNotEmpty();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
