package dev.ductor.gateway.telegram.inbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out updates off the poll thread, one lane per chat: a chat's updates in their order, different
 * chats side by side, so one slow download holds back only its own chat. Knows which updates are done, so
 * the poller confirms (moves the offset past) only a prefix of finished ones, and which were handed out, so
 * an update Telegram hands out again while it is still in work is not started twice.
 */
final class UpdateLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpdateLanes.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, CompletableFuture<Void>> tails = new HashMap<>();
    /** Handed out and not done yet. */
    private final TreeSet<Integer> pending = new TreeSet<>();
    /** How many updates each lane still holds; a lane with none is forgotten. */
    private final Map<Long, Integer> queued = new HashMap<>();

    private int highest = -1;

    /**
     * Queues {@code work} in {@code chat}'s lane unless this update was handed out already; true if queued.
     * The update is done when {@code work} answers true; false (the gateway is stopping) leaves it
     * unconfirmed, for Telegram to hand out again after the restart.
     */
    synchronized boolean dispatch(long chat, int updateId, BooleanSupplier work) {
        if (updateId <= highest) {
            return false;
        }
        highest = updateId;
        pending.add(updateId);
        queued.merge(chat, 1, Integer::sum);
        CompletableFuture<Void> tail = tails.getOrDefault(chat, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.thenApplyAsync(ignored -> work.getAsBoolean(), executor)
                .handle((finished, failure) -> {
                    if (failure != null) {
                        log.error("Update {} failed in its lane; it stays unconfirmed", updateId, failure);
                    }
                    done(chat, updateId, Boolean.TRUE.equals(finished));
                    return null;
                });
        tails.put(chat, next);
        return true;
    }

    private synchronized void done(long chat, int updateId, boolean finished) {
        if (finished) {
            pending.remove(updateId);
        }
        if (queued.merge(chat, -1, Integer::sum) <= 0) {
            queued.remove(chat);
            tails.remove(chat);
        }
        notifyAll();
    }

    /** The offset that confirms exactly the updates done so far without a gap; 0 before the first. */
    synchronized int offset() {
        if (!pending.isEmpty()) {
            return pending.first();
        }
        return highest < 0 ? 0 : highest + 1;
    }

    synchronized boolean busy() {
        return !pending.isEmpty();
    }

    /** Waits until an update is done, at most {@code timeout}. */
    synchronized void awaitProgress(Duration timeout) throws InterruptedException {
        if (!pending.isEmpty()) {
            wait(Math.max(1, timeout.toMillis()));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
