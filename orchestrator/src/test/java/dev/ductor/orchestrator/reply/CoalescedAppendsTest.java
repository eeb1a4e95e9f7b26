package dev.ductor.orchestrator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import dev.ductor.model.ChatRef;
import dev.ductor.model.StreamAppend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedAppendsTest {

    private static final ChatRef CHAT = new ChatRef("tg", "main", 1, null);
    private static final long INTERVAL_MS = 1000;

    private final List<StreamAppend> published = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CoalescedAppends appends = new CoalescedAppends(
            a -> {
                synchronized (published) {
                    published.add(a);
                }
            },
            () -> INTERVAL_MS,
            nanos::get,
            timer);

    @AfterEach
    void stop() {
        appends.close();
    }

    private void advance(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /** Streams an answer of {@code chars} characters in pieces of 50, one every 20 ms; answers the bus bytes. */
    private long stream(String run, int chars) {
        long offset = 0;
        long seq = 0;
        while (offset < chars) {
            String piece = "x".repeat((int) Math.min(50, chars - offset));
            appends.text(run, CHAT, ++seq, offset, piece);
            offset += piece.length();
            advance(20);
        }
        appends.flush(run);
        synchronized (published) {
            return published.stream()
                    .filter(a -> a.streamId().equals(run))
                    .mapToLong(a -> ContractJson.mapper().writeValueAsBytes(a).length)
                    .sum();
        }
    }

    @Test
    void busBytesGrowLinearlyWithTheAnswer() {
        long small = stream("run-10k", 10_000);
        long large = stream("run-100k", 100_000);

        // a tenfold answer costs about tenfold bytes (the whole text so far each time would cost ~100-fold)
        assertThat((double) large / small).isBetween(9.0, 11.0);
        assertThat(large).isLessThan(100_000 + 10 * 1000);
    }

    @Test
    void theFirstPieceGoesAtOnceAndTheRestAtMostOncePerInterval() {
        stream("run-1", 10_000); // 200 pieces over 4 s of the fake clock

        List<StreamAppend> sent = List.copyOf(published);
        assertThat(sent.getFirst().offset()).isZero();
        assertThat(sent.getFirst().text()).hasSize(50);
        assertThat(sent.size()).isBetween(4, 6);
        // the deltas tile the answer: each starts where the one before ended
        long end = 0;
        for (StreamAppend a : sent) {
            assertThat(a.offset()).isEqualTo(end);
            end += a.text().length();
        }
        assertThat(end).isEqualTo(10_000);
    }

    @Test
    void pendingTextGoesOutWhenTheIntervalEnds() {
        appends.text("run-2", CHAT, 1, 0, "Hello");
        appends.text("run-2", CHAT, 2, 5, ", world");

        assertThat(published).extracting(StreamAppend::text).containsExactly("Hello");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            synchronized (published) {
                assertThat(published).extracting(StreamAppend::text).containsExactly("Hello", ", world");
            }
        });
        assertThat(published.getLast().offset()).isEqualTo(5);
        assertThat(published.getLast().seq()).isEqualTo(2);
    }

    @Test
    void aPieceThatDoesNotContinueThePendingOneSendsItFirst() {
        appends.text("run-3", CHAT, 1, 0, "one");
        appends.text("run-3", CHAT, 2, 3, " two");
        appends.text("run-3", CHAT, 3, 100, " far");
        appends.close("run-3");

        assertThat(published)
                .extracting(StreamAppend::offset, StreamAppend::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "one"),
                        org.assertj.core.groups.Tuple.tuple(3L, " two"));
    }

    @Test
    void whatIsPendingAtTheCloseIsDroppedAndNothingFollowsIt() throws InterruptedException {
        appends.text("run-4", CHAT, 1, 0, "Hello");
        appends.text("run-4", CHAT, 2, 5, " again");
        appends.close("run-4");
        appends.text("run-4-late", CHAT, 3, 0, "other stream");
        Thread.sleep(INTERVAL_MS + 200);

        assertThat(published).extracting(StreamAppend::streamId).containsExactly("run-4", "run-4-late");
    }
}
