package dev.ductor.gateway.telegram.outbound;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one named daemon thread: its tasks run one at a time, in the order they fall due. */
final class ThreadScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService executor;

    ThreadScheduler(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        try {
            var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {}; // stopping: the work is redone after the restart (the bus redelivers)
        }
    }

    /** Stops the thread; a task still running (a Bot API call) gets a few seconds to finish. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
