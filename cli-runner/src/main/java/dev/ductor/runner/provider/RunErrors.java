package dev.ductor.runner.provider;

import java.util.List;
import java.util.Locale;

/**
 * Classifies the error text of a failed turn into {@code <category>: <detail>} so the orchestrator can
 * act on it (behaviour §3.17 and §4.6): {@code bad_resume} (retry with a fresh session), {@code auth},
 * {@code rate_limit}, {@code context_length}, or {@code cli_error}. The detail is the first line, at most
 * 200 characters.
 */
public final class RunErrors {

    private static final List<String> STALE_SESSION = List.of(
            "invalid session",
            "session not found",
            "no conversation found",
            "no rollout found",
            "thread/resume failed",
            "error resuming session");
    private static final List<String> AUTH = List.of(
            "401",
            "unauthorized",
            "authentication",
            "signing in again",
            "sign in again",
            "token has been",
            "not logged in",
            "invalid api key");
    private static final List<String> RATE = List.of(
            "429", "rate limit", "too many requests", "quota exceeded", "usage limit", "upgrade to pro", "hit your");
    private static final List<String> CONTEXT = List.of("context length", "token limit", "maximum context", "too long");

    private RunErrors() {}

    public static String classify(String raw) {
        return classify(raw, firstLine(raw));
    }

    /** Classifies by everything in {@code scanned} (e.g. a stderr tail) but tells only {@code detail}. */
    public static String classify(String scanned, String detail) {
        String line = firstLine(detail);
        return category(scanned.toLowerCase(Locale.ROOT)) + ": " + line;
    }

    private static String category(String lower) {
        if (STALE_SESSION.stream().anyMatch(lower::contains)) {
            return "bad_resume";
        }
        if (AUTH.stream().anyMatch(lower::contains)) {
            return "auth";
        }
        if (RATE.stream().anyMatch(lower::contains)) {
            return "rate_limit";
        }
        if (CONTEXT.stream().anyMatch(lower::contains)) {
            return "context_length";
        }
        return "cli_error";
    }

    static String firstLine(String raw) {
        String line = raw.strip().lines().findFirst().orElse("(no output)");
        return line.length() <= 200 ? line : line.substring(0, 200);
    }
}
