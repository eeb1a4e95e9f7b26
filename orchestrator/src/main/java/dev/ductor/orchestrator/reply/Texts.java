package dev.ductor.orchestrator.reply;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** ductor's user-facing texts (spec §3.17, §2.5, §2.7, §5.9), in English. */
public final class Texts {

    /** The three-character rule ductor puts between blocks. */
    public static final String SEP = "───";

    public static final String EMPTY_RESULT = "_(Agent updated memory silently — send another message to continue.)_";
    public static final String INTERNAL_ERROR = "An internal error occurred. Please try again.";

    private Texts() {}

    /** Non-empty blocks joined with a blank line. */
    public static String fmt(String... blocks) {
        return Stream.of(blocks).filter(b -> !b.isBlank()).collect(Collectors.joining("\n\n"));
    }

    public static String sessionError(String model, String error) {
        return fmt(
                "**Session Error**",
                SEP,
                "[" + model
                        + "] An error occurred.\nYour session has been preserved -- send another message to retry.\n"
                        + "Use /new to start a fresh session if the problem persists.",
                cause(error));
    }

    static String cause(String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        if (Stream.of("401", "unauthorized", "authentication", "signing in again", "sign in again", "token has been")
                .anyMatch(lower::contains)) {
            return "**Cause:** Authentication failed. Please re-authenticate the CLI (e.g. `codex auth` or check your API key).";
        }
        if (Stream.of(
                        "429",
                        "rate limit",
                        "too many requests",
                        "quota exceeded",
                        "usage limit",
                        "upgrade to pro",
                        "hit your")
                .anyMatch(lower::contains)) {
            return "**Cause:** Rate limit reached. Wait a moment and try again.";
        }
        if (Stream.of("context length", "token limit", "maximum context", "too long")
                .anyMatch(lower::contains)) {
            return "**Cause:** Context length exceeded. Use /new to start a fresh session.";
        }
        String first = error.strip().lines().findFirst().orElse("");
        if (first.isEmpty()) {
            return "";
        }
        return "**Detail:** `" + (first.length() > 200 ? first.substring(0, 200) : first) + "`";
    }

    /**
     * Runner errors that already are the words for the user (ductor shows them as they are, not as a
     * session error): Gemini's missing API key, a CLI that is not installed.
     */
    public static java.util.Optional<String> runnerNotice(String error) {
        for (String category : new String[] {"gemini_missing_key:", "cli_not_found:"}) {
            if (error.startsWith(category)) {
                return java.util.Optional.of(error.substring(category.length()).strip());
            }
        }
        return java.util.Optional.empty();
    }

    public static String timeout(String model, int seconds) {
        return fmt(
                "**Timeout**",
                SEP,
                "[" + model + "] CLI was terminated after " + Math.max(1, seconds / 60) + " min.\n"
                        + "Your session has been preserved -- send another message to continue where it left off.\n"
                        + "Use /new to start a fresh session.");
    }

    public static String interrupted(String promptPreview) {
        String preview = promptPreview.length() > 80 ? promptPreview.substring(0, 80) + "…" : promptPreview;
        return fmt(
                "**Interrupted Task**",
                SEP,
                "A task was interrupted during restart.\n`" + preview + "`\nPlease re-send to continue.");
    }

    public static String agentStopped(String provider, boolean killed) {
        return fmt(
                "**Agent Stopped**",
                SEP,
                killed
                        ? providerName(provider) + " terminated. All queued messages discarded."
                        : "Nothing running right now.");
    }

    public static String interruptedProcesses(int count) {
        return count == 0 ? "No active processes." : "Interrupted " + count + " process(es).";
    }

    public static String stoppedAll(int count) {
        return count == 0
                ? "No active processes found on any agent."
                : "Stopped " + count + " process(es) across all agents.";
    }

    public static String sessionReset(String provider) {
        return fmt(
                "**Session Reset**",
                SEP,
                "Session reset for " + providerName(provider) + " in this chat only.\n"
                        + "Other provider sessions were preserved.\nSend a message to continue.");
    }

    /**
     * ductor's technical footer (spec §3.11). The runner reports only the total of tokens, not input
     * and output apart, so the {@code (in: …, out: …)} part is left out.
     */
    public static String technicalFooter(String model, long totalTokens, double costUsd, long durationMs) {
        var footer = new StringBuilder("\n---\nModel: ")
                .append(model)
                .append(" | Tokens: ")
                .append(totalTokens);
        if (costUsd > 0) {
            footer.append(String.format(Locale.ROOT, " | Cost: $%.4f", costUsd));
        }
        if (durationMs > 0) {
            footer.append(String.format(Locale.ROOT, " | Time: %.1fs", durationMs / 1000.0));
        }
        return footer.toString();
    }

    public static String providerName(String provider) {
        return switch (provider) {
            case "codex" -> "Codex";
            case "gemini" -> "Gemini";
            default -> "Claude";
        };
    }
}
