package dev.ductor.time;

import java.time.Duration;

/**
 * Exponential backoff between {@code min} and {@code max} for one retry loop: each wait doubles the next, up to
 * {@code max}; a success starts again from {@code min}. Not shared between threads.
 */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration current;

    public Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.current = min;
    }

    /** The next wait, without taking it. */
    public Duration peek() {
        return current;
    }

    /** Takes the next wait: answers it and doubles the one after (at most {@code max}). */
    public Duration next() {
        Duration now = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    /** After a success: the next wait is {@code min} again. */
    public void reset() {
        current = min;
    }
}
