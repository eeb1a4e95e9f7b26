package dev.ductor.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one thread of a gateway's poller (Telegram's {@code getUpdates}, Matrix's {@code /sync}) and how it stops:
 * the loop runs on a daemon thread of its own until {@link #stopped()}; {@link #stop()} ends its pauses at once,
 * interrupts whatever call it is in and waits up to five seconds for it to end. An interrupt of the loop's own
 * thread ({@link #pause}, {@link #interrupted()}) stops it as {@link #stop()} would.
 */
public final class PollingThread {

    private static final Duration JOIN = Duration.ofSeconds(5);

    private final String name;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile @Nullable Thread thread;

    public PollingThread(String name) {
        this.name = name;
    }

    public void start(Runnable loop) {
        Thread poller = new Thread(loop, name);
        poller.setDaemon(true);
        thread = poller;
        poller.start();
    }

    public void stop() {
        stop(() -> {});
    }

    /**
     * As {@link #stop()}, with {@code alsoStopping} run once the loop sees {@link #stopped()} and before its
     * thread is interrupted (what else the loop waits for, such as its lanes).
     */
    public void stop(Runnable alsoStopping) {
        stopping.countDown();
        alsoStopping.run();
        Thread poller = thread;
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(JOIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** Started, not stopped, and its thread not ended by itself. */
    public boolean alive() {
        Thread poller = thread;
        return poller != null && poller.isAlive();
    }

    /** Started and not stopped since by {@link #stop()}, even if its loop ended by itself. */
    public boolean started() {
        return thread != null;
    }

    public boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits {@code duration}, less when it stops. */
    public void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** The loop's thread was interrupted while it waited for something: it keeps the flag and stops. */
    public void interrupted() {
        Thread.currentThread().interrupt();
        stopping.countDown();
    }
}
