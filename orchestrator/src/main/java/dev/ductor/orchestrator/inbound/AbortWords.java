package dev.ductor.orchestrator.inbound;

import java.util.Locale;
import java.util.Set;

/** The stop triggers of spec §3.4: the command, or a whole message that is one abort word. */
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

    private AbortWords() {}

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
