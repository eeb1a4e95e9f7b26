package dev.ductor.scheduler.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** ductor's global sliding window: at most {@code limit} requests in any rolling minute; 0 rejects all. */
final class RateLimit {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final Clock clock;
    private final Deque<Instant> accepted = new ArrayDeque<>();

    RateLimit(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean allow(int limit) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(WINDOW);
        while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(cutoff)) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            return false;
        }
        accepted.addLast(now);
        return true;
    }
}
