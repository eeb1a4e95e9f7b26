package dev.ductor.gateway.telegram.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The appends of one stream whose text the disk refused: each is acked only once a later save (a retry, or
 * the next append's) put the text on disk, so an acked append always survives a crash of the gateway.
 * Guarded by the stream's monitor, like its {@link StreamState}.
 */
final class UnsavedText {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private Scheduler.@Nullable Scheduled retry;
    private Duration nextDelay = FIRST_RETRY;

    /** An append whose text is not on disk yet. */
    CompletableFuture<Void> add() {
        CompletableFuture<Void> saved = new CompletableFuture<>();
        waiting.add(saved);
        return saved;
    }

    boolean any() {
        return !waiting.isEmpty();
    }

    /** The text is on disk (or the close made it unnecessary): the waiting appends may be acked. */
    void saved() {
        waiting.forEach(w -> w.complete(null));
        waiting.clear();
        nextDelay = FIRST_RETRY;
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    /** The arranged try runs now (called holding the stream's monitor). */
    void retrying() {
        retry = null;
    }

    /** Arranges the next try on {@code timers} unless one is arranged; the delay doubles up to 30 s. */
    void retryLater(Scheduler timers, Runnable save) {
        if (retry != null) {
            return;
        }
        retry = timers.schedule(nextDelay, save);
        nextDelay = nextDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : nextDelay.multipliedBy(2);
    }
}
