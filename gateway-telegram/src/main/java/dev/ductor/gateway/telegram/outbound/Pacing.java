package dev.ductor.gateway.telegram.outbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's sending limits, kept on our side with some slack so 429s stay rare: per chat a token bucket
 * of 2 refilling 0.9 per second (Telegram: 3 and 1/s), per group (negative id) 20 per minute, overall 28
 * per second (Telegram: 30).
 */
final class Pacing {

    /**
     * One below Telegram's burst: we count a call when it leaves, Telegram when it arrives, and network
     * jitter can bring two arrivals closer than their departures.
     */
    private static final double CHAT_BURST = 2;
    /** A little slower than Telegram refills, so clock and network jitter do not cause 429s. */
    private static final double CHAT_REFILL_PER_MS = 0.9 / 1000;

    private static final long MARGIN_MS = 200;
    private static final int GROUP_MAX = 20;
    private static final long GROUP_WINDOW_MS = 60_000;
    private static final int GLOBAL_MAX = 28; // two below Telegram's 30/s, for the same reason
    private static final long GLOBAL_WINDOW_MS = 1_000;

    private final Map<Long, double[]> buckets = new HashMap<>();
    private final Map<Long, Deque<Long>> groups = new HashMap<>();
    private final Deque<Long> global = new ArrayDeque<>();

    /** The earliest time a paced call to {@code chatId} may go out. */
    long readyAt(long chatId, long now) {
        double tokens = tokens(chatId, now);
        long ready = tokens >= 1 ? now : now + (long) Math.ceil((1 - tokens) / CHAT_REFILL_PER_MS);
        if (chatId < 0) {
            Deque<Long> window = window(groups.computeIfAbsent(chatId, id -> new ArrayDeque<>()), now, GROUP_WINDOW_MS);
            if (window.size() >= GROUP_MAX) {
                ready = Math.max(ready, window.peekFirst() + GROUP_WINDOW_MS + MARGIN_MS);
            }
        }
        Deque<Long> all = window(global, now, GLOBAL_WINDOW_MS);
        if (all.size() >= GLOBAL_MAX) {
            ready = Math.max(ready, all.peekFirst() + GLOBAL_WINDOW_MS + MARGIN_MS);
        }
        return ready;
    }

    void take(long chatId, long now) {
        tokens(chatId, now);
        double[] bucket = buckets.get(chatId);
        bucket[0] = Math.max(0, bucket[0] - 1);
        if (chatId < 0) {
            groups.computeIfAbsent(chatId, id -> new ArrayDeque<>()).addLast(now);
        }
        global.addLast(now);
    }

    private double tokens(long chatId, long now) {
        double[] bucket = buckets.computeIfAbsent(chatId, id -> new double[] {CHAT_BURST, now});
        bucket[0] = Math.min(CHAT_BURST, bucket[0] + Math.max(0, now - (long) bucket[1]) * CHAT_REFILL_PER_MS);
        bucket[1] = now;
        return bucket[0];
    }

    private static Deque<Long> window(Deque<Long> window, long now, long length) {
        while (!window.isEmpty() && window.peekFirst() <= now - length) {
            window.removeFirst();
        }
        return window;
    }
}
