package dev.ductor.runner.provider.claude;

import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.StreamDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Claude Code ({@code claude}). */
@Component
public final class ClaudeProvider implements ProviderCli {

    @Override
    public String name() {
        return "claude";
    }

    @Override
    public String installHint() {
        return "npm install -g @anthropic-ai/claude-code";
    }

    @Override
    public List<String> command(Path executable, RunRequest request) {
        return ClaudeCommand.build(executable, request);
    }

    /** As root, claude refuses {@code bypassPermissions} unless it believes it is sandboxed. */
    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        if (runningAsRoot && "bypassPermissions".equals(request.permissionMode())) {
            return Map.of("IS_SANDBOX", "1");
        }
        return Map.of();
    }

    @Override
    public StreamDecoder decoder() {
        return new ClaudeStreamDecoder();
    }
}
