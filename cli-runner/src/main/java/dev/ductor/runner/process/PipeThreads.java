package dev.ductor.runner.process;

import dev.ductor.bus.Traces;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that feed a CLI's stdin and read its stdout and stderr: reused platform threads, so a turn
 * does not start three new threads. Blocking pipe reads stay on platform threads (on virtual threads they
 * would pin the few carrier threads, one per core); idle threads end after a minute.
 */
public final class PipeThreads {

    private static final Logger log = LoggerFactory.getLogger(PipeThreads.class);
    private static final ThreadFactory FACTORY =
            Thread.ofPlatform().daemon().name("cli-pipe-", 1).factory();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(FACTORY);

    private PipeThreads() {}

    /** Runs {@code task} on a pipe thread, with the turn's trace (if any) entered for its log lines. */
    public static Future<?> start(@Nullable String trace, Runnable task) {
        return POOL.submit(() -> {
            Traces.enter(trace);
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("A CLI's pipe thread failed", e);
                throw e;
            } finally {
                Traces.clear();
            }
        });
    }

    /** Waits up to {@code timeout} for {@code task} to end; false when it is still running. */
    public static boolean await(Future<?> task, Duration timeout) {
        try {
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
