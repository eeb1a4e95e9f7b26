package dev.ductor.runner.provider.gemini;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gemini --output-format stream-json --include-directories . [--model M] [--approval-mode yolo]
 * [--resume ID] [cli_parameters…]} (spec §4.4), the prompt on stdin: without {@code -p} and with stdin not a
 * terminal, gemini runs headless on what it reads there, and the prompt stays out of argv.
 */
final class GeminiCommand {

    private GeminiCommand() {}

    static List<String> build(Path executable, RunRequest request) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(List.of("--output-format", "stream-json", "--include-directories", "."));
        if (!request.model().isBlank()) {
            argv.addAll(List.of("--model", request.model()));
        }
        if ("bypassPermissions".equals(request.permissionMode())) {
            argv.addAll(List.of("--approval-mode", "yolo"));
        }
        String resume = request.resumeSessionId();
        if (resume != null && !resume.isBlank()) {
            argv.addAll(List.of("--resume", resume));
        }
        argv.addAll(request.cliParameters());
        return List.copyOf(argv);
    }
}
