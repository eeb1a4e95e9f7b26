package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import dev.ductor.testkit.telegram.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 9, issue 15 item 1: a 10 KB answer streamed over 20 s at ductor's default settings against a
 * fake enforcing Telegram's limits, shown by edits and then as a private chat's draft (the fake's visible chat
 * includes the draft); prints the Bot API calls and the median and p95 staleness of the visible text. Run:
 * {@code ./mvnw -q -o -pl shared-model,testkit,gateway-telegram -am verify -DskipITs
 * -Dtest=StreamingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StreamingBenchmarkTest {

    private static final String TOKEN = "1:bench";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 4242, null);

    @TempDir
    Path workspace;

    @Test
    void tenKilobytesOverTwentySecondsByEditsAndAsADraft() throws Exception {
        String report =
                "edits (drafts off, a group, or a Bot API without them):\n" + run(false, workspace.resolve("edits"))
                        + "\ndraft (a private chat, sendMessageDraft):\n" + run(true, workspace.resolve("drafts"));
        System.out.println(report);
        Files.writeString(Path.of("target", "telegram-streaming-benchmark.txt"), report);
    }

    /** One streamed answer, shown by edits or as a draft; answers the report. */
    private String run(boolean drafts, Path dir) throws Exception {
        try (FakeTelegram fake =
                        FakeTelegram.start(TOKEN).enforceRateLimits(true).offerDrafts(drafts);
                ThreadScheduler outboxThread = new ThreadScheduler("bench-outbox");
                ThreadScheduler coalescerThread = new ThreadScheduler("bench-coalescer");
                Outbox outbox = new Outbox(
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        new SimpleMeterRegistry(),
                        InstantSource.system(),
                        outboxThread)) {
            var port =
                    new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
            // wall time on purpose: the benchmark measures what a user sees, Bot API latency included
            Renderer renderer = TestRenderers.renderer(
                    port,
                    outbox,
                    new SentMessages(dir, 100),
                    StreamSettings.defaults(2.0),
                    dir,
                    new SimpleMeterRegistry(),
                    new AnsweredButtons(port, outbox),
                    InstantSource.system(),
                    coalescerThread,
                    new Drafts(drafts));
            String answer = StreamScript.answer(10_000);
            int deltas = 100;
            long[] arrived = new long[deltas];
            int[] length = new int[deltas];
            List<long[]> samples = new ArrayList<>(); // {time, visible prefix length}
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    String visible = fake.visible(CHAT.chatId()).stream()
                            .map(m -> m.text().strip())
                            .collect(Collectors.joining("\n\n"));
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), commonPrefix(visible, answer)});
                    }
                    StreamScript.pause(10);
                }
            });
            renderer.open("bench", CHAT, null).join();
            for (int i = 0; i < deltas; i++) {
                String text = answer.substring(0, answer.length() * (i + 1) / deltas);
                arrived[i] = System.nanoTime();
                length[i] = text.strip().length();
                renderer.append("bench", CHAT, 0, text);
                StreamScript.pause(200);
            }
            renderer.close("bench", CHAT, null, answer, List.of(), true)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .join();
            StreamScript.pause(100);
            sampler.interrupt();
            sampler.join();

            List<Double> staleness = new ArrayList<>();
            synchronized (samples) {
                for (int i = 0; i < deltas; i++) {
                    for (long[] sample : samples) {
                        if (sample[0] >= arrived[i] && sample[1] >= length[i]) {
                            staleness.add((sample[0] - arrived[i]) / 1e9);
                            break;
                        }
                    }
                }
            }
            staleness.sort(Double::compare);
            // The first text a user sees: from the first delta (the model's first token) to the first sample
            // showing any of the answer.
            double firstText;
            synchronized (samples) {
                firstText = samples.stream()
                                .filter(sample -> sample[0] >= arrived[0] && sample[1] > 0)
                                .mapToLong(sample -> sample[0])
                                .findFirst()
                                .orElseThrow()
                        - arrived[0];
            }
            Map<String, Long> calls = new TreeMap<>(fake.requests().stream()
                    .filter(r -> !r.method().equalsIgnoreCase("getMe"))
                    .collect(Collectors.groupingBy(RecordedRequest::method, Collectors.counting())));
            List<BotMessage> messages = fake.visible(CHAT.chatId());
            String report = String.format(
                    "answer %d chars, %d deltas over 20 s, edit_interval_seconds 2.0, min_chars 200, max_chars 4000,"
                            + " idle_ms 800%nBot API calls: %d %s%n429 answers: %d%nmessages: %d%n"
                            + "first visible text: %.2f s after the first delta%n"
                            + "staleness of the visible text: median %.2f s, p95 %.2f s, max %.2f s (%d deltas)%n",
                    answer.length(),
                    deltas,
                    calls.values().stream().mapToLong(Long::longValue).sum(),
                    calls,
                    fake.rateLimited429Count(),
                    messages.size(),
                    firstText / 1e9,
                    percentile(staleness, 0.5),
                    percentile(staleness, 0.95),
                    staleness.getLast(),
                    staleness.size());
            assertThat(staleness).hasSize(deltas);
            assertThat(fake.rateLimited429Count()).isZero();
            assertThat(fake.requests("sendMessageDraft").isEmpty()).isNotEqualTo(drafts);
            return report;
        }
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
