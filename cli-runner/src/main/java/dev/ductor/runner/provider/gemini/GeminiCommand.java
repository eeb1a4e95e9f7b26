package dev.ductor.runner.provider.gemini;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gemini --output-format stream-json --include-directories . [--model M] [--approval-mode yolo]
 * [--resume ID] [cli_parameters…] -p PROMPT} (spec §4.4). The prompt is passed with {@code -p} rather than
 * on stdin, since the runner always closes stdin.
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
        argv.addAll(List.of("-p", request.prompt()));
        return List.copyOf(argv);
    }
}
