package dev.ductor.orchestrator.reply;

import dev.ductor.orchestrator.i18n.I18n;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * ductor's composed user-facing texts (behaviour §3.17, §2.5, §2.7, §5.9) in the configured language: the
 * blocks come from the catalogue ({@link I18n}), the layout (header, rule, body) is ductor's.
 */
@Component
public class Texts {

    /** The three-character rule ductor puts between blocks. */
    public static final String SEP = "───";

    private final I18n i18n;

    public Texts(I18n i18n) {
        this.i18n = i18n;
    }

    /** English texts, for tests and tools outside the live configuration. */
    public static Texts english() {
        return new Texts(I18n.english());
    }

    /** Non-empty blocks joined with a blank line. */
    public static String fmt(String... blocks) {
        return Stream.of(blocks).filter(b -> !b.isBlank()).collect(Collectors.joining("\n\n"));
    }

    public I18n i18n() {
        return i18n;
    }

    public String t(String key, Object... vars) {
        return i18n.t(key, vars);
    }

    public String emptyResult() {
        return t("session.empty_turn");
    }

    public String sessionError(String model, String error) {
        return fmt(t("session.error_header"), SEP, t("session.error_body", "model", model), cause(error));
    }

    String cause(String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        if (Stream.of("401", "unauthorized", "authentication", "signing in again", "sign in again", "token has been")
                .anyMatch(lower::contains)) {
            return t("session.error_cause", "hint", t("session.error_auth"));
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
            return t("session.error_cause", "hint", t("session.error_rate"));
        }
        if (Stream.of("context length", "token limit", "maximum context", "too long")
                .anyMatch(lower::contains)) {
            return t("session.error_cause", "hint", t("session.error_context"));
        }
        String first = error.strip().lines().findFirst().orElse("");
        if (first.isEmpty()) {
            return "";
        }
        return t("session.error_detail", "detail", first.length() > 200 ? first.substring(0, 200) : first);
    }

    /**
     * Runner errors that already are the words for the user (ductor shows them as they are, not as a
     * session error): Gemini's missing API key (in the configured language), a CLI that is not installed.
     */
    public Optional<String> runnerNotice(String error) {
        if (error.startsWith("gemini_missing_key:")) {
            return Optional.of(t("gemini.missing_key"));
        }
        if (error.startsWith("cli_not_found:")) {
            return Optional.of(error.substring("cli_not_found:".length()).strip());
        }
        return Optional.empty();
    }

    public String timeout(String model, int seconds) {
        return fmt(
                t("timeout.error_header"),
                SEP,
                t("timeout.error_body", "model", model, "minutes", Math.max(1, seconds / 60)));
    }

    public String interrupted(String promptPreview) {
        String preview = promptPreview.length() > 80 ? promptPreview.substring(0, 80) + "…" : promptPreview;
        return fmt(t("recovery.interrupted_header"), SEP, t("recovery.interrupted_body", "preview", preview));
    }

    public String agentStopped(String provider, boolean killed) {
        return fmt(
                t("stop.header"),
                SEP,
                killed ? t("stop.killed", "provider", providerName(provider)) : t("stop.nothing"));
    }

    public String interruptedProcesses(int count) {
        return count == 0 ? t("interrupt.nothing") : t("interrupt.done", "count", count);
    }

    public String stoppedAll(int count) {
        return count == 0 ? t("abort_all.nothing") : t("abort_all.done", "count", count);
    }

    public String sessionReset(String provider) {
        return fmt(t("session.reset_header"), SEP, t("session.reset_body", "provider", providerName(provider)));
    }

    /**
     * ductor's technical footer (behaviour §3.11). The runner reports only the total of tokens, not input
     * and output apart, so the {@code (in: …, out: …)} part is left out.
     */
    public String technicalFooter(String model, long totalTokens, double costUsd, long durationMs) {
        var footer = new StringBuilder("\n---\n")
                .append(t("footer.model", "name", model))
                .append(" | ")
                .append(t("footer.tokens_total", "total", totalTokens));
        if (costUsd > 0) {
            footer.append(" | ").append(t("footer.cost", "cost", String.format(Locale.ROOT, "%.4f", costUsd)));
        }
        if (durationMs > 0) {
            footer.append(" | ")
                    .append(t("footer.time", "secs", String.format(Locale.ROOT, "%.1f", durationMs / 1000.0)));
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
