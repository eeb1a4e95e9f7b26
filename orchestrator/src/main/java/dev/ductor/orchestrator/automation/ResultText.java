package dev.ductor.orchestrator.automation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ductor's rules for the text of an automation result (behaviour §6.1, §6.3): what is delivered, what is
 * silent.
 */
final class ResultText {

    static final String SILENT_TOKEN = "HEARTBEAT_OK";

    private ResultText() {}

    /**
     * A cron or webhook-task result: {@code header\n\nresult}; with an empty result {@code header\n\n_status_};
     * nothing when the result cleaned to empty on success (the silent token) or when success is to be silent.
     */
    static Optional<String> task(String header, String raw, String status, boolean silentOnSuccess) {
        boolean success = status.equals("success");
        if (success && silentOnSuccess) {
            return Optional.empty();
        }
        String cleaned = clean(raw);
        if (cleaned.isEmpty()) {
            if (success && !raw.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(header + "\n\n_" + status + "_");
        }
        return Optional.of(header + "\n\n" + cleaned);
    }

    /** The whole result or its last non-empty line equal to the token is silence; delivery confirmations go. */
    static String clean(String raw) {
        String trimmed = raw.strip();
        List<String> lines = Arrays.asList(trimmed.split("\n", -1));
        String last = lines.reversed().stream()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("")
                .strip();
        if (trimmed.equals(SILENT_TOKEN) || last.equals(SILENT_TOKEN)) {
            return "";
        }
        return lines.stream()
                .filter(line -> {
                    String normal = line.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                    return !(normal.contains("message sent successfully") && normal.contains("delivered to telegram"));
                })
                .collect(Collectors.joining("\n"))
                .strip();
    }

    /**
     * A heartbeat answer: the token alone is silence; at the start or the end it is stripped; in the
     * middle it stays. Empty means nothing is delivered and the session is left as it was.
     */
    static String heartbeat(String raw, String token) {
        String text = raw.strip();
        if (token.isEmpty()) {
            return text;
        }
        if (text.equals(token)) {
            return "";
        }
        if (text.startsWith(token)) {
            text = text.substring(token.length()).strip();
        }
        if (text.endsWith(token)) {
            text = text.substring(0, text.length() - token.length()).strip();
        }
        return text;
    }
}
