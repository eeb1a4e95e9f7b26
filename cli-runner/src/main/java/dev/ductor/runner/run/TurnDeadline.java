package dev.ductor.runner.run;

import dev.ductor.config.DuctorConfig.Timeouts;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The deadline of one turn (behaviour §4.1, {@code timeouts.*}): {@code RunRequest.timeoutSeconds} from the
 * spawn; a {@code timeout_warning} status when {@code warning_intervals} seconds are left; at the deadline,
 * if the CLI printed something within the last {@code activity_extension} seconds and
 * {@code extend_on_activity} is on, {@code timeout_extended} and {@code activity_extension} more seconds,
 * at most {@code max_extensions} times; otherwise the turn times out. Checked by {@link #tick()}.
 */
final class TurnDeadline {

    static final String WARNING = "timeout_warning";
    static final String EXTENDED = "timeout_extended";

    private final Timeouts timeouts;
    private final LongSupplier clock;
    private final Consumer<String> status;
    private final Runnable expire;
    private final long start;
    private volatile long lastActivity;
    private volatile boolean active;
    private long deadline;
    private int extensions;
    private int warningsGiven;
    private int window;
    private boolean expired;

    TurnDeadline(int timeoutSeconds, Timeouts timeouts, LongSupplier clock, Consumer<String> status, Runnable expire) {
        this.timeouts = timeouts;
        this.clock = clock;
        this.status = status;
        this.expire = expire;
        this.start = clock.getAsLong();
        this.deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.window = timeoutSeconds;
    }

    /** The CLI printed something. */
    void activity() {
        lastActivity = clock.getAsLong();
        active = true;
    }

    synchronized void tick() {
        if (expired) {
            return;
        }
        long now = clock.getAsLong();
        if (now >= deadline) {
            long extension = TimeUnit.SECONDS.toNanos(timeouts.activityExtension());
            if (timeouts.extendOnActivity()
                    && extension > 0
                    && extensions < timeouts.maxExtensions()
                    && active
                    && now - lastActivity < extension) {
                extensions++;
                deadline = now + extension;
                warningsGiven = 0;
                window = timeouts.activityExtension();
                status.accept(EXTENDED);
                return;
            }
            expired = true;
            expire.run();
            return;
        }
        List<Integer> warnings = timeouts.warningIntervals().stream()
                .filter(seconds -> seconds > 0 && seconds < window)
                .sorted((a, b) -> b - a)
                .toList();
        long left = deadline - now;
        int due = (int) warnings.stream()
                .filter(seconds -> left <= TimeUnit.SECONDS.toNanos(seconds))
                .count();
        if (due > warningsGiven) {
            warningsGiven = due;
            status.accept(WARNING);
        }
    }

    int extensions() {
        return extensions;
    }

    long elapsedSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - start);
    }
}
