package dev.ductor.gateway.telegram.outbound;

import java.time.Duration;

/**
 * Runs a task once after a delay. In the service a {@link ThreadScheduler} (one daemon thread); in tests
 * a virtual clock that runs the tasks when the test moves time on, so streaming runs without waiting.
 */
interface Scheduler {

    /** Runs {@code task} after {@code delay} (at once when it is zero or negative). */
    Scheduled schedule(Duration delay, Runnable task);

    /** A task not yet run; cancelling it after it started has no effect. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }
}
