package dev.ductor.orchestrator.reply;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.StreamAppend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * behaviour §3.11: a run's answer text goes to the gateway as {@link StreamAppend} deltas, at most one per
 * {@code streaming.edit_interval_seconds} per stream (a gateway cannot show more often); contiguous pieces
 * that arrive meanwhile are joined into the next one. The first piece goes at once. A piece that does not
 * continue the pending one (a redelivery after a restart) sends the pending one first, so every delta
 * keeps its offset. What is pending when the stream closes is dropped: the close carries the whole answer.
 */
final class CoalescedAppends implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoalescedAppends.class);

    private final Consumer<StreamAppend> publish;
    private final LongSupplier intervalMs;
    private final LongSupplier nanos;
    private final ScheduledExecutorService timer;
    private final Map<String, Pending> streams = new ConcurrentHashMap<>();

    CoalescedAppends(
            Consumer<StreamAppend> publish,
            LongSupplier intervalMs,
            LongSupplier nanos,
            ScheduledExecutorService timer) {
        this.publish = publish;
        this.intervalMs = intervalMs;
        this.nanos = nanos;
        this.timer = timer;
    }

    static CoalescedAppends of(Consumer<StreamAppend> publish, ConfigStore config) {
        return new CoalescedAppends(
                publish,
                () -> Math.round(config.current().streaming().editIntervalSeconds() * 1000),
                System::nanoTime,
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("stream-appends").daemon().factory()));
    }

    private static final class Pending {
        final ChatRef chat;
        final StringBuilder text = new StringBuilder();
        long offset;
        long seq;
        long lastSentNanos;
        boolean sentAny;
        boolean closed;

        @Nullable
        ScheduledFuture<?> flush;

        Pending(ChatRef chat) {
            this.chat = chat;
        }
    }

    /** A piece of the answer: {@code text} starts at {@code offset}; {@code seq} is its run output. */
    void text(String streamId, ChatRef chat, long seq, long offset, String text) {
        Pending p = streams.computeIfAbsent(streamId, id -> new Pending(chat));
        synchronized (p) {
            if (p.closed) {
                return;
            }
            if (!p.text.isEmpty() && offset != p.offset + p.text.length()) {
                send(streamId, p);
            }
            if (p.text.isEmpty()) {
                p.offset = offset;
            }
            p.text.append(text);
            p.seq = seq;
            long waitMs = p.sentAny ? intervalMs.getAsLong() - (nanos.getAsLong() - p.lastSentNanos) / 1_000_000 : 0;
            if (waitMs <= 0) {
                send(streamId, p);
            } else if (p.flush == null) {
                p.flush = timer.schedule(() -> flush(streamId), waitMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends what is pending now (before a status, which must follow the text before it). */
    void flush(String streamId) {
        Pending p = streams.get(streamId);
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (!p.closed) {
                send(streamId, p);
            }
        }
    }

    /** The stream closes: what is pending is dropped, and nothing is sent for it any more. */
    void close(String streamId) {
        Pending p = streams.remove(streamId);
        if (p == null) {
            return;
        }
        synchronized (p) {
            p.closed = true;
            cancelFlush(p);
        }
    }

    /** Holds p. */
    private void send(String streamId, Pending p) {
        cancelFlush(p);
        if (p.text.isEmpty()) {
            return;
        }
        StreamAppend append = new StreamAppend(streamId, p.chat, p.seq, p.offset, p.text.toString());
        try {
            publish.accept(append);
        } catch (RuntimeException e) {
            // stays pending: the next piece or flush tries again, and the close carries the whole answer anyway
            log.warn("Could not publish the append {} of stream {}: {}", append.seq(), streamId, e.toString());
            return;
        }
        p.offset += p.text.length();
        p.text.setLength(0);
        p.lastSentNanos = nanos.getAsLong();
        p.sentAny = true;
    }

    private static void cancelFlush(Pending p) {
        if (p.flush != null) {
            p.flush.cancel(false);
            p.flush = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
