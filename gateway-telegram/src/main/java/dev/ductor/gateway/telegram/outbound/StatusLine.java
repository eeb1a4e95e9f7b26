package dev.ductor.gateway.telegram.outbound;

import java.util.Locale;
import java.util.Map;

/** The indicator shown under a streaming answer (behaviour §3.11): {@code [TOOL: Shell] x2}, {@code [THINKING]}. */
final class StatusLine {

    private static final Map<String, String> TOOLS = Map.ofEntries(
            Map.entry("bash", "Shell"),
            Map.entry("powershell", "Shell"),
            Map.entry("cmd", "Shell"),
            Map.entry("sh", "Shell"),
            Map.entry("zsh", "Shell"),
            Map.entry("shell", "Shell"),
            Map.entry("toolsearch", "Search"),
            Map.entry("searchtool", "Search"),
            Map.entry("webfetch", "Web fetch"),
            Map.entry("websearch", "Web search"));

    private static final Map<String, String> SYSTEM = Map.of(
            "thinking", "THINKING",
            "compacting", "COMPACTING",
            "recovering", "Please wait, recovering...",
            "timeout_warning", "TIMEOUT APPROACHING",
            "timeout_extended", "TIMEOUT EXTENDED");

    private StatusLine() {}

    static String render(String kind, String label) {
        String key = label.strip().toLowerCase(Locale.ROOT);
        if (kind.equals("tool")) {
            return "[TOOL: " + TOOLS.getOrDefault(key, label.strip()) + "]";
        }
        return "[" + SYSTEM.getOrDefault(key, label.strip().toUpperCase(Locale.ROOT)) + "]";
    }
}
