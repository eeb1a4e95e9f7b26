package dev.ductor.gateway.matrix.outbound;

/**
 * Where a streamed answer is cut into separate messages (behaviour §9.5): at a tool or system event
 * everything not yet posted goes out; while text keeps coming, once at least {@link #MIN_SEGMENT} characters
 * wait, everything up to the last paragraph break outside a code block goes out.
 */
final class Segments {

    static final int MIN_SEGMENT = 800;

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
}
