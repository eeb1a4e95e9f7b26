package dev.ductor.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploys a folder's {@code RULES.md} template as the rule file of each logged-in CLI, always overwritten,
 * and removes the rule files of CLIs that are not logged in (behaviour §8.2). ductor picks one of four
 * template variants by the set of logged-in CLIs; here one template names that set in its
 * {@code {{rule_files}}} line.
 */
final class DeployingRules {

    static final String PLACEHOLDER = "{{rule_files}}";

    private final HomeFiles files;

    DeployingRules(HomeFiles files) {
        this.files = files;
    }

    void deploy(Path dir, String template, Set<String> providers) {
        List<String> wanted = RuleFiles.of(providers);
        if (wanted.isEmpty()) {
            return; // no CLI logged in here: leave whatever rule files there are
        }
        String text = template.replace(PLACEHOLDER, sentence(wanted));
        for (String name : RuleFiles.NAMES) {
            if (wanted.contains(name)) {
                files.write(dir.resolve(name), text);
            } else {
                files.delete(dir.resolve(name));
            }
        }
    }

    static String sentence(List<String> names) {
        if (names.size() == 1) {
            return "These rules are in `" + names.getFirst() + "`.";
        }
        String quoted = names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        int last = quoted.lastIndexOf(", ");
        quoted = quoted.substring(0, last) + " and" + quoted.substring(last + 1);
        return "The same rules are in " + quoted + ", one for each CLI; they are kept identical: an edit to"
                + " one reaches the others within seconds.";
    }
}
