package dev.ductor.gateway.matrix.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a streamed answer is cut into separate messages (behaviour §9.5): at a tool or system event
 * everything not yet posted goes out; while text keeps coming, once at least {@link #MIN_SEGMENT} characters
 * wait, everything up to the last paragraph break outside a code block goes out. {@code <file:…>} tags are
 * taken out of the text (their files are sent when the answer closes).
 */
final class Segments {

    static final int MIN_SEGMENT = 800;
    private static final Pattern FILE_TAG = Pattern.compile("<file:([^>\\n]+)>");

    private Segments() {}

    /** How much of {@code text} (from {@code sent} on) may go out now while the answer continues. */
    static int readableEnd(String text, int sent) {
        if (text.length() - sent < MIN_SEGMENT) {
            return sent;
        }
        int end = sent;
        boolean inFence = false;
        int lineStart = sent;
        for (int i = sent; i < text.length(); i++) {
            if (text.charAt(i) != '\n') {
                continue;
            }
            if (text.startsWith("```", lineStart)) {
                inFence = !inFence;
            }
            if (!inFence && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                end = i + 2;
            }
            lineStart = i + 1;
        }
        return end;
    }

    /** The text of a segment, file tags removed and trimmed. */
    static String visible(String segment) {
        return FILE_TAG.matcher(segment).replaceAll("").strip();
    }

    /** The paths of the {@code <file:…>} tags in an answer. */
    static List<String> files(String text) {
        List<String> paths = new ArrayList<>();
        Matcher m = FILE_TAG.matcher(text);
        while (m.find()) {
            paths.add(m.group(1).strip());
        }
        return paths;
    }
}
