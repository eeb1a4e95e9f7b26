package dev.ductor.gateway.telegram.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ductor's stream coalescer (behaviour §3.11) applied to the whole text so far: decides how much of it may be
 * shown. Over {@code max_chars} pending, everything; at {@code min_chars}, up to the last paragraph break,
 * else up to the last sentence end; otherwise nothing yet (the idle timer will flush it).
 */
record Coalescer(int minChars, int maxChars, boolean sentenceBreak) {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\\s\\n]");

    /** The decision for {@code text} when its first {@code flushed} characters are already released. */
    record Flush(int upTo, boolean idleTimer) {}

    Flush next(String text, int flushed) {
        int from = Math.min(flushed, text.length());
        String buffer = text.substring(from);
        if (buffer.isEmpty()) {
            return new Flush(from, false);
        }
        if (buffer.length() >= maxChars) {
            return new Flush(text.length(), false);
        }
        if (buffer.length() < minChars) {
            return new Flush(from, false);
        }
        int paragraph = buffer.lastIndexOf("\n\n");
        if (paragraph >= 0) {
            return released(text, from + paragraph + 2);
        }
        if (sentenceBreak) {
            Matcher m = SENTENCE_END.matcher(buffer);
            int end = -1;
            while (m.find()) {
                end = m.end();
            }
            if (end > 0) {
                return released(text, from + end);
            }
        }
        return new Flush(from, true);
    }

    /** A partial release; the rest waits for more text or for the idle timer if it is long enough. */
    private Flush released(String text, int upTo) {
        return new Flush(upTo, text.length() - upTo >= minChars);
    }
}
