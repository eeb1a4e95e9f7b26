package dev.ductor.testkit.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's documented limits for sending: about one message per second per chat (a token bucket of 3
 * refilling 1/s, as real Telegram tolerates short bursts), 20 per minute per group, 30 per second overall.
 */
final class RateLimits {

    private static final int CHAT_BURST = 3;
    private static final long GROUP_WINDOW_MS = 60_000;
    private static final int GROUP_MAX = 20;
    private static final long GLOBAL_WINDOW_MS = 1_000;
    private static final int GLOBAL_MAX = 30;

    private final Map<Long, double[]> chatBuckets = new HashMap<>();
    private final Map<Long, Deque<Long>> groupWindows = new HashMap<>();
    private final Deque<Long> global = new ArrayDeque<>();

    /** Takes one slot for {@code chatId} or throws a 429 with the seconds to wait. */
    synchronized void acquire(long chatId, long nowMs) {
        double[] bucket = chatBuckets.computeIfAbsent(chatId, id -> new double[] {CHAT_BURST, nowMs});
        bucket[0] = Math.min(CHAT_BURST, bucket[0] + (nowMs - bucket[1]) / 1000.0);
        bucket[1] = nowMs;
        if (bucket[0] < 1) {
            throw tooMany((long) Math.ceil((1 - bucket[0]) * 1000));
        }
        Deque<Long> group = chatId < 0 ? groupWindows.computeIfAbsent(chatId, id -> new ArrayDeque<>()) : null;
        if (group != null) {
            prune(group, nowMs - GROUP_WINDOW_MS);
            if (group.size() >= GROUP_MAX) {
                throw tooMany(group.peekFirst() + GROUP_WINDOW_MS - nowMs);
            }
        }
        prune(global, nowMs - GLOBAL_WINDOW_MS);
        if (global.size() >= GLOBAL_MAX) {
            throw tooMany(global.peekFirst() + GLOBAL_WINDOW_MS - nowMs);
        }
        bucket[0] -= 1;
        if (group != null) {
            group.addLast(nowMs);
        }
        global.addLast(nowMs);
    }

    private static void prune(Deque<Long> window, long before) {
        while (!window.isEmpty() && window.peekFirst() <= before) {
            window.removeFirst();
        }
    }

    private static ApiError tooMany(long waitMs) {
        int seconds = (int) Math.max(1, (waitMs + 999) / 1000);
        return new ApiError(429, "Too Many Requests: retry after " + seconds, seconds);
    }
}
