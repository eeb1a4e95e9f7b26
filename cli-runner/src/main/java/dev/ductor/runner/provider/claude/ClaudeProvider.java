package dev.ductor.runner.provider.claude;

import dev.ductor.login.CliLogins;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.ScratchFiles;
import dev.ductor.runner.provider.StreamDecoder;
import java.io.IOException;
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
    public List<String> command(Path executable, RunRequest request, Path scratch) {
        return ClaudeCommand.build(executable, scratch, request);
    }

    /** The appended system prompt (MAINMEMORY, the rules) in a 0600 file for {@code --append-system-prompt-file}. */
    @Override
    public Map<String, String> turnFiles(RunRequest request, Path scratch) throws IOException {
        String append = request.appendSystemPrompt();
        if (ClaudeCommand.appends(request) && append != null) {
            ScratchFiles.writePrivate(scratch, ClaudeCommand.SYSTEM_PROMPT_FILE, append);
        }
        return Map.of();
    }

    /** As root, claude refuses {@code bypassPermissions} unless it believes it is sandboxed. */
    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        if (runningAsRoot && "bypassPermissions".equals(request.permissionMode())) {
            return Map.of("IS_SANDBOX", "1");
        }
        return Map.of();
    }

    /** shared-model's rule (behaviour §4.8): a key or token in the environment, or the login file. */
    @Override
    public boolean authenticated(Map<String, String> env) {
        return CliLogins.claude(env);
    }

    @Override
    public StreamDecoder decoder() {
        return new ClaudeStreamDecoder();
    }
}
