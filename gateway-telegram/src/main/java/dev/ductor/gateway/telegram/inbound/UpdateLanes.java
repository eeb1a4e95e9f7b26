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
 * lanes side by side, so one slow download holds back only its own lane. Knows which updates are done, so
 * the poller confirms (moves the offset past) only a prefix of finished or taken-over ones ({@link
 * UpdateSpool}), and which were handed out, so an update Telegram hands out again while it is still in work
 * is not started twice.
 */
final class UpdateLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpdateLanes.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    /** Handed out by Telegram, neither done nor taken over: they hold the offset. */
    private final TreeSet<Integer> pending = new TreeSet<>();
    /** Handed out and not yet below the offset: a copy of one of them is not started again. */
    private final TreeSet<Integer> seen = new TreeSet<>();
    /** How many updates each lane still holds; a lane with none is forgotten. */
    private final Map<String, Integer> queued = new HashMap<>();
    /** How many taken-over updates each lane still holds. */
    private final Map<String, Integer> taken = new HashMap<>();

    private int highest = -1;

    /**
     * Queues {@code work} in {@code lane} unless this update was handed out already; true if queued. A
     * {@code takenOver} update (in the spool) does not hold the offset. The update is done when {@code work}
     * answers true; false (the gateway is stopping) leaves it unconfirmed, for Telegram (or the spool) to
     * hand out again after the restart.
     */
    synchronized boolean dispatch(String lane, int updateId, boolean takenOver, BooleanSupplier work) {
        if (!seen.add(updateId)) {
            return false;
        }
        highest = Math.max(highest, updateId);
        queue(lane, updateId, takenOver, work);
        return true;
    }

    /**
     * Queues an update taken over before a restart: it is not Telegram's any more, so it neither holds nor
     * moves the offset, and a copy Telegram still hands out (the offset had not moved past it) is skipped.
     */
    synchronized void resume(String lane, int updateId, BooleanSupplier work) {
        if (seen.add(updateId)) {
            queue(lane, updateId, true, work);
        }
    }

    private void queue(String lane, int updateId, boolean takenOver, BooleanSupplier work) {
        if (takenOver) {
            taken.merge(lane, 1, Integer::sum);
        } else {
            pending.add(updateId);
        }
        queued.merge(lane, 1, Integer::sum);
        CompletableFuture<Void> tail = tails.getOrDefault(lane, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.thenApplyAsync(ignored -> work.getAsBoolean(), executor)
                .handle((finished, failure) -> {
                    if (failure != null) {
                        log.error("Update {} failed in its lane; it stays unconfirmed", updateId, failure);
                    }
                    done(lane, updateId, takenOver, Boolean.TRUE.equals(finished));
                    return null;
                });
        tails.put(lane, next);
    }

    private synchronized void done(String lane, int updateId, boolean takenOver, boolean finished) {
        if (finished) {
            pending.remove(updateId);
        }
        if (takenOver && taken.merge(lane, -1, Integer::sum) <= 0) {
            taken.remove(lane);
        }
        if (queued.merge(lane, -1, Integer::sum) <= 0) {
            queued.remove(lane);
            tails.remove(lane);
        }
        notifyAll();
    }

    /** Whether {@code updateId} was handed out and is not yet below the offset. */
    synchronized boolean handedOut(int updateId) {
        return seen.contains(updateId);
    }

    /** Whether {@code lane} still holds an update taken over (what is queued behind it waits as long). */
    synchronized boolean holdsTaken(String lane) {
        return taken.containsKey(lane);
    }

    /**
     * The offset that confirms exactly the updates done or taken over so far without a gap; 0 before the
     * first.
     */
    synchronized int offset() {
        int offset = !pending.isEmpty() ? pending.first() : highest < 0 ? 0 : highest + 1;
        seen.headSet(offset).clear(); // Telegram hands out nothing below it any more
        return offset;
    }

    /** Whether updates hold the offset (the poller then asks without waiting: only new ones are of interest). */
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
