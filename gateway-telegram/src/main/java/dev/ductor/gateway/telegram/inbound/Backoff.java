package dev.ductor.gateway.telegram.inbound;

import java.time.Duration;

/** Exponential backoff between {@code min} and {@code max}. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration current;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.current = min;
    }

    Duration peek() {
        return current;
    }

    Duration next() {
        Duration now = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    void reset() {
        current = min;
    }
}
