package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer to Telegram (style rule 15). Calls wait in one lane per chat and leave it in order; a
 * lane is paused after a 429 for {@code retry_after} and after a network or 5xx failure with exponential
 * backoff, and the failed call is retried at the head of its lane — without a limit while Telegram is
 * unreachable or answers 502/503/504, uploads included (an outage of an hour loses nothing: the bus command
 * stays unacked), a limited number of times for other 5xx. Paced calls (sending and editing) also respect
 * {@link Pacing}. A call's future completes only with a final answer: success or a
 * permanent rejection; while the gateway is stopping it never completes, so the bus redelivers.
 */
final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** The lane of calls not tied to a chat (commands menu, callback answers). */
    static final long NO_CHAT = Long.MIN_VALUE;

    private final Object lock = new Object();
    private final Map<Long, ArrayDeque<Task>> lanes = new LinkedHashMap<>();
    private final Map<Long, Long> pausedUntil = new LinkedHashMap<>();
    private final Pacing pacing = new Pacing();
    /**
     * A call failing "transiently" this often (minutes with the backoff) is failing for good — a 500 that
     * stays: its lane (the chat) must not wait forever. Not while Telegram is down ({@link #givesUp}); an
     * upload checks its file before each attempt ({@link #upload}), so a file that became
     * unreadable is a rejection, not a network failure.
     */
    static final int MAX_TRANSIENT_ATTEMPTS = 12;

    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final InstantSource clock;
    private final Scheduler scheduler;
    private volatile boolean running = true;
    private int depth;
    private final Timer lag;
    /** The pending run of {@link #pump} and when it is due; guarded by {@link #lock}. */
    private Scheduler.@Nullable Scheduled wakeup;

    private long wakeAt = Long.MAX_VALUE;

    /**
     * Calls go out from {@code scheduler}'s tasks, one at a time (the service gives it a thread of its own);
     * {@code clock} times pacing, pauses and {@code notBefore}.
     */
    Outbox(Duration minBackoff, Duration maxBackoff, MeterRegistry registry, InstantSource clock, Scheduler scheduler) {
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.scheduler = scheduler;
        Gauge.builder("ductor_telegram_outbox_depth", this, Outbox::depth)
                .description("Bot API calls waiting in the outbox")
                .register(registry);
        this.lag = Timer.builder("ductor_telegram_outbox_lag")
                .description("Time a Bot API call waited in the outbox before it went out")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    /** A call at the tail of the chat's lane. */
    Task submit(long lane, boolean paced, long notBefore, Supplier<ApiResult> call) {
        return enqueue(lane, paced, notBefore, call, false);
    }

    /** A follow-up call that must run before anything queued later in the lane. */
    Task submitNext(long lane, boolean paced, long notBefore, Supplier<ApiResult> call) {
        return enqueue(lane, paced, notBefore, call, true);
    }

    private Task enqueue(long lane, boolean paced, long notBefore, Supplier<ApiResult> call, boolean head) {
        Task task = new Task(lane, paced, notBefore, call, clock.millis());
        synchronized (lock) {
            ArrayDeque<Task> queue = lanes.computeIfAbsent(lane, l -> new ArrayDeque<>());
            if (head) {
                queue.addFirst(task);
            } else {
                queue.addLast(task);
            }
            depth++;
            wake(clock.millis());
        }
        return task;
    }

    int depth() {
        synchronized (lock) {
            return depth;
        }
    }

    /** Stops sending; what is still queued never completes, so the bus redelivers it after the restart. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            if (wakeup != null) {
                wakeup.cancel();
                wakeup = null;
            }
        }
    }

    /** Makes {@link #pump} run at {@code at} unless it runs earlier already. Holds the lock. */
    private void wake(long at) {
        if (!running || (wakeup != null && wakeAt <= at)) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        wakeAt = at;
        wakeup = scheduler.schedule(Duration.ofMillis(Math.max(0, at - clock.millis())), this::pump);
    }

    /** Carries out the first ready call, then looks for the next one (now, or when one becomes ready). */
    private void pump() {
        Task task;
        synchronized (lock) {
            wakeup = null;
            wakeAt = Long.MAX_VALUE;
            if (!running) {
                return;
            }
            task = next(clock.millis());
            if (task == null) {
                return;
            }
        }
        if (task.attempts == 0) {
            lag.record(Duration.ofMillis(Math.max(0, clock.millis() - task.enqueuedAt)));
        }
        ApiResult result;
        try {
            result = task.call.get();
        } catch (RuntimeException e) {
            log.error("Outbox call failed unexpectedly; treating it as rejected", e);
            result = new ApiResult("unknown", false, 400, String.valueOf(e), null, null);
        }
        boolean done = finish(task, result);
        synchronized (lock) {
            wake(clock.millis());
        }
        if (done) {
            task.future.complete(result);
        }
    }

    /**
     * Takes the first ready head of a lane, round robin; when none is ready, arranges to look again when
     * the first becomes ready and answers null. Holds the lock.
     */
    private @Nullable Task next(long now) {
        long wake = Long.MAX_VALUE;
        Iterator<Map.Entry<Long, ArrayDeque<Task>>> it = lanes.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            Task head = entry.getValue().peekFirst();
            if (head == null) {
                it.remove();
                continue;
            }
            long lane = entry.getKey();
            long ready = Math.max(head.notBefore, pausedUntil.getOrDefault(lane, 0L));
            if (head.paced && lane != NO_CHAT) {
                ready = Math.max(ready, pacing.readyAt(lane, now));
            }
            if (ready <= now) {
                if (head.paced && lane != NO_CHAT) {
                    pacing.take(lane, now);
                }
                // round robin: this lane goes to the back
                ArrayDeque<Task> queue = lanes.remove(lane);
                lanes.put(lane, queue);
                return head;
            }
            wake = Math.min(wake, ready);
        }
        if (wake != Long.MAX_VALUE) {
            wake(wake);
        }
        return null;
    }

    /** Removes a task with a final answer from its lane; keeps and pauses it after a retryable one. */
    private boolean finish(Task task, ApiResult result) {
        synchronized (lock) {
            long now = clock.millis();
            if (result.rateLimited()) {
                int seconds = result.retryAfter() == null ? 1 : Math.max(1, result.retryAfter());
                log.warn("Telegram asks to slow down in lane {}: retry after {}s", task.lane, seconds);
                pausedUntil.put(task.lane, now + seconds * 1000L);
                return false;
            }
            if (result.transientFailure() && task.attempts + 1 >= MAX_TRANSIENT_ATTEMPTS && givesUp(result)) {
                log.error(
                        "{} still failing after {} attempts ({}); giving up on it so its chat's lane moves on",
                        result.method(),
                        task.attempts + 1,
                        result.description());
            } else if (result.transientFailure()) {
                task.attempts++;
                long delay = Math.min(
                        maxBackoff.toMillis(), minBackoff.toMillis() * (1L << Math.min(16, task.attempts - 1)));
                log.warn(
                        "{} failed ({}), attempt {}; retrying in {} ms",
                        result.method(),
                        result.description(),
                        task.attempts,
                        delay);
                pausedUntil.put(task.lane, now + delay);
                return false;
            }
            ArrayDeque<Task> queue = lanes.get(task.lane);
            if (queue != null) {
                queue.remove(task);
            }
            pausedUntil.remove(task.lane);
            depth--;
            return true;
        }
    }

    /**
     * Whether a call that failed transiently {@link #MAX_TRANSIENT_ATTEMPTS} times is given up: not when
     * Telegram is merely unreachable or its front answers 502/503/504 — then the call, an upload as much as
     * a text, waits for Telegram however long it takes (issue 10 item 8).
     */
    private static boolean givesUp(ApiResult result) {
        return !result.networkFailure();
    }

    /** One call waiting in a lane. */
    final class Task {
        final long lane;
        final boolean paced;
        final Supplier<ApiResult> call;
        final CompletableFuture<ApiResult> future = new CompletableFuture<>();
        final long enqueuedAt;
        volatile long notBefore;
        int attempts;

        Task(long lane, boolean paced, long notBefore, Supplier<ApiResult> call, long enqueuedAt) {
            this.lane = lane;
            this.paced = paced;
            this.notBefore = notBefore;
            this.call = call;
            this.enqueuedAt = enqueuedAt;
        }

        CompletableFuture<ApiResult> future() {
            return future;
        }

        /** Lets a deferred call go now (e.g. the final edit of a stream). */
        void expedite() {
            synchronized (lock) {
                notBefore = 0;
                wake(clock.millis());
            }
        }
    }

    static @Nullable Integer parseMessageId(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An upload of {@code file} as one outbox call: each attempt first checks that the file is still
     * readable, so a failure of the upload itself is Telegram's or the network's (retried without a limit
     * while it lasts, the bus command unacked) and a file that went away is a permanent rejection.
     */
    static Supplier<ApiResult> upload(String method, Path file, Supplier<ApiResult> call) {
        return () -> Files.isReadable(file) && Files.isRegularFile(file)
                ? call.get()
                : new ApiResult(method, false, 400, "file no longer readable: " + file.getFileName(), null, null);
    }
}
