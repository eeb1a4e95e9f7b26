package dev.ductor.workspace;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which rule file each CLI reads (behaviour §8.2): claude {@code CLAUDE.md}, codex {@code AGENTS.md}, gemini {@code GEMINI.md}. */
final class RuleFiles {

    static final Map<String, String> BY_PROVIDER =
            Map.of("claude", "CLAUDE.md", "codex", "AGENTS.md", "gemini", "GEMINI.md");

    /** In ductor's order of the providers. */
    static final List<String> NAMES = List.of("CLAUDE.md", "AGENTS.md", "GEMINI.md");

    private RuleFiles() {}

    /** The rule files of the given providers, in the order of {@link #NAMES}. */
    static List<String> of(Set<String> providers) {
        return NAMES.stream()
                .filter(name -> providers.stream().anyMatch(p -> name.equals(BY_PROVIDER.get(p))))
                .toList();
    }
}
