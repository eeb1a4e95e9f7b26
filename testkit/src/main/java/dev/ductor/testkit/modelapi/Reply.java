package dev.ductor.testkit.modelapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the fake model answers to one model turn, in whichever dialect the CLI speaks: optional thinking,
 * then either answer text or one shell tool call (the CLI runs it and asks again), or an HTTP error.
 *
 * <pre>{@code
 * Reply.text("Hello").withThinking("Let me think.");
 * Reply.shell("echo hi");              // Bash / exec_command / run_shell_command
 * Reply.unauthorized();                // 401
 * Reply.rateLimited(1);                // 429 with retry-after: 1
 * Reply.text("Long answer").paced(4, Duration.ofMillis(300)); // 4 text deltas, 0.3 s apart
 * }</pre>
 */
public record Reply(
        int status,
        String text,
        @Nullable String thinking,
        @Nullable String shellCommand,
        @Nullable Integer retryAfterSeconds,
        int chunks,
        Duration pause) {

    public static Reply text(String text) {
        return new Reply(200, text, null, null, null, 1, Duration.ZERO);
    }

    /** A tool call of the CLI's own shell tool; the next reply in the script answers its result. */
    public static Reply shell(String command) {
        return new Reply(200, "", null, command, null, 1, Duration.ZERO);
    }

    public static Reply error(int status, String message) {
        return new Reply(status, message, null, null, null, 1, Duration.ZERO);
    }

    public static Reply unauthorized() {
        return error(401, "invalid x-api-key");
    }

    public static Reply rateLimited(int retryAfterSeconds) {
        return new Reply(429, "fake rate limit", null, null, retryAfterSeconds, 1, Duration.ZERO);
    }

    public Reply withThinking(String thought) {
        return new Reply(status, text, thought, shellCommand, retryAfterSeconds, chunks, pause);
    }

    /**
     * The text streamed as {@code chunks} deltas of about equal length with {@code pause} before each one
     * after the first, as a model writes (Anthropic Messages only; the other dialects send it at once).
     */
    public Reply paced(int chunks, Duration pause) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1: " + chunks);
        }
        return new Reply(status, text, thinking, shellCommand, retryAfterSeconds, chunks, pause);
    }

    /** The text cut into {@link #chunks} pieces. */
    public List<String> textChunks() {
        List<String> pieces = new ArrayList<>();
        int size = Math.max(1, (text.length() + chunks - 1) / chunks);
        for (int at = 0; at < text.length(); at += size) {
            pieces.add(text.substring(at, Math.min(text.length(), at + size)));
        }
        return pieces;
    }

    public boolean isError() {
        return status >= 400;
    }
}
