package dev.ductor.runner.provider.claude;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming command exactly as ductor builds it (spec §4.2): {@code claude --verbose -p
 * --output-format stream-json --permission-mode M --model M [--append-system-prompt A] [--max-turns N]
 * [--max-budget-usd X] [--resume ID]
 * [cli_parameters…] -- PROMPT}. The prompt comes last, after {@code --}, so nothing in it is read as a flag.
 */
final class ClaudeCommand {

    private ClaudeCommand() {}

    static List<String> build(Path executable, RunRequest request) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(List.of("--verbose", "-p", "--output-format", "stream-json"));
        argv.addAll(List.of("--permission-mode", request.permissionMode()));
        argv.addAll(List.of("--model", request.model()));
        String append = request.appendSystemPrompt();
        if (append != null && !append.isBlank()) {
            argv.addAll(List.of("--append-system-prompt", append));
        }
        Integer maxTurns = request.maxTurns();
        if (maxTurns != null && maxTurns > 0) {
            argv.addAll(List.of("--max-turns", Integer.toString(maxTurns)));
        }
        Double budget = request.maxBudgetUsd();
        if (budget != null && budget > 0) {
            argv.addAll(List.of(
                    "--max-budget-usd", java.math.BigDecimal.valueOf(budget).toPlainString()));
        }
        String resume = request.resumeSessionId();
        if (resume != null && !resume.isBlank()) {
            argv.addAll(List.of("--resume", resume));
        }
        argv.addAll(request.cliParameters());
        argv.add("--");
        argv.add(request.prompt());
        return List.copyOf(argv);
    }
}
