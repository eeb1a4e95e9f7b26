package dev.ductor.testkit.modelapi;

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
 * }</pre>
 */
public record Reply(
        int status,
        String text,
        @Nullable String thinking,
        @Nullable String shellCommand,
        @Nullable Integer retryAfterSeconds) {

    public static Reply text(String text) {
        return new Reply(200, text, null, null, null);
    }

    /** A tool call of the CLI's own shell tool; the next reply in the script answers its result. */
    public static Reply shell(String command) {
        return new Reply(200, "", null, command, null);
    }

    public static Reply error(int status, String message) {
        return new Reply(status, message, null, null, null);
    }

    public static Reply unauthorized() {
        return error(401, "invalid x-api-key");
    }

    public static Reply rateLimited(int retryAfterSeconds) {
        return new Reply(429, "fake rate limit", null, null, retryAfterSeconds);
    }

    public Reply withThinking(String thought) {
        return new Reply(status, text, thought, shellCommand, retryAfterSeconds);
    }

    public boolean isError() {
        return status >= 400;
    }
}
