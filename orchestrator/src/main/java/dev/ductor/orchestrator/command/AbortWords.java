package dev.ductor.orchestrator.command;

import java.util.Locale;
import java.util.Set;

/** The stop triggers of behaviour §3.4: the command, or a whole message that is one abort word. */
final class AbortWords {

    private static final Set<String> WORDS = Set.of(
            "stop",
            "abort",
            "cancel",
            "halt",
            "hold",
            "wait",
            "quit",
            "exit",
            "stopp",
            "warte",
            "abbruch",
            "abbrechen",
            "aufhören");

    private static final Set<String> INTERRUPT_WORDS = Set.of("esc", "interrupt", "skip", "überspringen");

    private static final Set<String> ABORT_ALL_PHRASES =
            Set.of("stop all", "stopp alle", "alles stoppen", "cancel all", "abort all");

    private AbortWords() {}

    /** {@code /stop_all} or a whole message that is one of the abort-all phrases (never one of the single abort words). */
    static boolean isAbortAll(String text) {
        if (isCommand(text, "stop_all")) {
            return true;
        }
        String normalized =
                String.join(" ", text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return ABORT_ALL_PHRASES.contains(normalized);
    }

    /** {@code /interrupt}, {@code !interrupt} or a whole message that is one interrupt word. */
    static boolean isInterrupt(String text) {
        String trimmed = text.strip();
        String command = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (command.equals("/interrupt") || command.equals("!interrupt") || command.startsWith("/interrupt@")) {
            return true;
        }
        return !trimmed.contains(" ") && INTERRUPT_WORDS.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    static boolean isAbort(String text) {
        String trimmed = text.strip();
        String command = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (command.equals("/stop") || command.startsWith("/stop@")) {
            return true;
        }
        return !trimmed.contains(" ") && WORDS.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    static boolean isCommand(String text, String name) {
        String command = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return command.equals("/" + name) || command.startsWith("/" + name + "@");
    }
}
