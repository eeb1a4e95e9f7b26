package dev.ductor.runner.provider.claude;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming command as ductor builds it (behaviour §4.2), with the prompt and the appended system prompt kept
 * out of argv: {@code claude --verbose -p --output-format stream-json --include-partial-messages --permission-mode M --model M
 * [--append-system-prompt-file SCRATCH/claude-system.md] [--max-turns N] [--max-budget-usd X] [--resume ID]
 * [cli_parameters…]}, the prompt on stdin ({@code -p} without a prompt argument reads stdin to its end).
 */
final class ClaudeCommand {

    /** The appended system prompt's file in the turn's scratch folder. */
    static final String SYSTEM_PROMPT_FILE = "claude-system.md";

    private ClaudeCommand() {}

    static boolean appends(RunRequest request) {
        String append = request.appendSystemPrompt();
        return append != null && !append.isBlank();
    }

    static List<String> build(Path executable, Path scratch, RunRequest request) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(List.of("--verbose", "-p", "--output-format", "stream-json", "--include-partial-messages"));
        argv.addAll(List.of("--permission-mode", request.permissionMode()));
        argv.addAll(List.of("--model", request.model()));
        if (appends(request)) {
            argv.addAll(List.of(
                    "--append-system-prompt-file",
                    scratch.resolve(SYSTEM_PROMPT_FILE).toString()));
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
        return List.copyOf(argv);
    }
}
