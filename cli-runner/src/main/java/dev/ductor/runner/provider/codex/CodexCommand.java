package dev.ductor.runner.provider.codex;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code codex exec --json --color never <sandbox> --skip-git-repo-check [--model M]
 * [-c model_reasoning_effort=E] [cli_parameters…] [resume] -- [THREAD_ID] -} (behaviour §4.3), the prompt on stdin
 * (which the runner closes after it; an open stdin makes codex wait forever). Codex has no system-prompt
 * flag, so the appended system prompt follows the prompt: {@code PROMPT\n\nAPPEND}. The options go before
 * {@code resume}: codex 0.169.0's {@code exec resume} rejects {@code --color} and {@code --sandbox} after it,
 * and has no {@code --full-auto} any more ({@code workspace-write} is {@code --sandbox workspace-write}).
 */
final class CodexCommand {

    private CodexCommand() {}

    static List<String> build(Path executable, RunRequest request) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.add("exec");
        String resume = request.resumeSessionId();
        boolean resuming = resume != null && !resume.isBlank();
        argv.addAll(List.of("--json", "--color", "never"));
        argv.addAll(sandbox(request.permissionMode()));
        argv.add("--skip-git-repo-check");
        if (!request.model().isBlank()) {
            argv.addAll(List.of("--model", request.model()));
        }
        String effort = request.reasoningEffort();
        if (!effort.isBlank() && !effort.equals("default")) {
            argv.addAll(List.of("-c", "model_reasoning_effort=" + effort));
        }
        argv.addAll(request.cliParameters());
        if (resuming) {
            argv.add("resume");
        }
        argv.add("--");
        if (resuming) {
            argv.add(resume);
        }
        argv.add("-");
        return List.copyOf(argv);
    }

    static List<String> sandbox(String permissionMode) {
        return switch (permissionMode) {
            case "bypassPermissions" -> List.of("--dangerously-bypass-approvals-and-sandbox");
            case "full-access" -> List.of("--sandbox", "danger-full-access");
            case "workspace-write", "acceptEdits" -> List.of("--sandbox", "workspace-write");
            default -> List.of("--sandbox", "read-only");
        };
    }

    static String prompt(RunRequest request) {
        String append = request.appendSystemPrompt();
        return append == null || append.isBlank() ? request.prompt() : request.prompt() + "\n\n" + append;
    }
}
