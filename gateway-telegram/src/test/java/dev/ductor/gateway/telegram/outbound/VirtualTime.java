package dev.ductor.gateway.telegram.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The clock and the scheduler of the outbound side in tests: a scheduled task runs only when the test moves
 * time on, on the test's thread, in the order the tasks fall due, with the clock set to its time. Edit
 * intervals, pacing, backoff and idle timers then take no wall time and cannot race a loaded machine.
 */
final class VirtualTime implements InstantSource, Scheduler {

    /** How far {@link #join} and {@link #runUntil} move time before they give up. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Instant start = Instant.parse("2026-01-05T09:00:00Z");
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::due).thenComparingLong(Timer::order));
    private long now = start.toEpochMilli();
    private long order;

    private record Timer(long due, long order, Runnable task) {}

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public synchronized long millis() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(now + Math.max(0, delay.toMillis()), order++, task);
        timers.add(timer);
        return () -> {
            synchronized (this) {
                timers.remove(timer);
            }
        };
    }

    /** How much virtual time passed since the start. */
    synchronized Duration elapsed() {
        return Duration.ofMillis(now - start.toEpochMilli());
    }

    /** Runs every task falling due within {@code duration}, then leaves the clock {@code duration} later. */
    void advance(Duration duration) {
        long until = millis() + duration.toMillis();
        while (runNext(until)) {
            // each task may schedule more
        }
        synchronized (this) {
            now = Math.max(now, until);
        }
    }

    /** Runs the tasks in time order until {@code done} completes; answers its value (or throws its failure). */
    <T> T join(CompletableFuture<T> done) {
        runUntil(done::isDone);
        return done.join();
    }

    /** Runs the tasks in time order until {@code condition} holds. */
    void runUntil(BooleanSupplier condition) {
        long limit = millis() + LIMIT.toMillis();
        while (!condition.getAsBoolean()) {
            if (!runNext(limit)) {
                throw new AssertionError("Still not there after " + elapsed() + " of virtual time: "
                        + (timers.isEmpty() ? "nothing is scheduled any more" : "the limit was reached"));
            }
        }
    }

    private boolean runNext(long until) {
        Timer next;
        synchronized (this) {
            next = timers.peek();
            if (next == null || next.due() > until) {
                return false;
            }
            timers.remove();
            now = Math.max(now, next.due());
        }
        next.task().run();
        return true;
    }
}
