package dev.ductor.stream;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A streamed answer rebuilt from {@link dev.ductor.model.StreamAppend} deltas, each the answer's characters
 * from an offset on (characters as Java counts them, UTF-16 units). The rule every gateway applies:
 *
 * <ul>
 *   <li>a delta that starts at the end extends the text;
 *   <li>a delta that overlaps the text (a redelivery, or an append re-published after an orchestrator
 *       restart) is compared where they overlap: where it agrees only its new end is added, where it
 *       differs the delta wins and the text after it is dropped (the sender knows better than a stale
 *       copy) — so a repeated append never doubles text;
 *   <li>a delta that starts past the end (a gap: an append was lost) waits until the text reaches it; the
 *       close, which carries the whole answer, settles what never arrives;
 *   <li>the text is kept up to {@link #MAX_CHARS}; what goes beyond is dropped and the text ends in
 *       {@link #TRUNCATED}, once.
 * </ul>
 *
 * Not thread-safe: a gateway guards each stream's instance.
 */
public final class StreamText {

    /** The answer kept, in characters (the runner's own cap on an answer). */
    public static final int MAX_CHARS = 256 * 1024;

    /** What replaces the part of an answer over {@link #MAX_CHARS}. */
    public static final String TRUNCATED = "\n\n[output truncated]";

    private final StringBuilder text = new StringBuilder();
    /** Deltas past the end, by offset, until the text reaches them. */
    private final TreeMap<Long, String> waiting = new TreeMap<>();

    private int waitingChars;
    private boolean truncated;

    public StreamText() {}

    /** A text already rebuilt before (what a gateway persisted), taken as it is. */
    public StreamText(String restored) {
        text.append(restored);
        truncated = restored.endsWith(TRUNCATED) && restored.length() > MAX_CHARS;
    }

    /** Applies one delta; answers whether the text changed. */
    public boolean accept(long offset, String delta) {
        if (offset < 0) {
            throw new IllegalArgumentException("A stream offset cannot be negative: " + offset);
        }
        if (offset > text.length()) {
            if (!truncated && waitingChars + delta.length() <= MAX_CHARS) {
                waitingChars += delta.length() - lengthOf(waiting.put(offset, delta));
            }
            return false;
        }
        boolean changed = apply((int) offset, delta);
        // deltas that waited for this one
        for (Map.Entry<Long, String> next = waiting.firstEntry();
                next != null && next.getKey() <= text.length();
                next = waiting.firstEntry()) {
            waiting.pollFirstEntry();
            waitingChars -= next.getValue().length();
            changed |= apply(next.getKey().intValue(), next.getValue());
        }
        return changed;
    }

    private boolean apply(int offset, String delta) {
        if (truncated) {
            return false; // the kept text is complete: the rest was dropped
        }
        int overlap = Math.min(delta.length(), text.length() - offset);
        boolean changed = false;
        if (!text.substring(offset, offset + overlap).equals(delta.substring(0, overlap))) {
            text.setLength(offset);
            waiting.clear();
            waitingChars = 0;
            overlap = 0;
            changed = true;
        }
        String rest = delta.substring(overlap);
        if (rest.isEmpty()) {
            return changed;
        }
        int room = MAX_CHARS - text.length();
        if (rest.length() > room) {
            text.append(rest, 0, room).append(TRUNCATED);
            truncated = true;
            waiting.clear();
            waitingChars = 0;
        } else {
            text.append(rest);
        }
        return true;
    }

    private static int lengthOf(@Nullable String s) {
        return s == null ? 0 : s.length();
    }

    /** The answer so far, without what still waits behind a gap. */
    public String text() {
        return text.toString();
    }

    public int length() {
        return text.length();
    }

    /** Whether deltas wait behind a gap. */
    public boolean gap() {
        return !waiting.isEmpty();
    }

    public boolean truncated() {
        return truncated;
    }

    /** {@code answer} bounded as a stream keeps it: at most {@link #MAX_CHARS}, then {@link #TRUNCATED}. */
    public static String capped(String answer) {
        return answer.length() <= MAX_CHARS ? answer : answer.substring(0, MAX_CHARS) + TRUNCATED;
    }
}
