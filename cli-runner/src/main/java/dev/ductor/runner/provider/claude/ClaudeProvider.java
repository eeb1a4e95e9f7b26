package dev.ductor.runner.provider.claude;

import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.ScratchFiles;
import dev.ductor.runner.provider.StreamDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

    /** {@code ~/.claude/.credentials.json} (a login), or an API key or auth token in the environment. */
    @Override
    public boolean authenticated(Map<String, String> env) {
        if (present(env.get("ANTHROPIC_API_KEY")) || present(env.get("ANTHROPIC_AUTH_TOKEN"))) {
            return true;
        }
        String config = env.get("CLAUDE_CONFIG_DIR");
        String home = env.get("HOME");
        Path dir = config != null ? Path.of(config) : home != null ? Path.of(home, ".claude") : null;
        return dir != null && Files.isRegularFile(dir.resolve(".credentials.json"));
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public StreamDecoder decoder() {
        return new ClaudeStreamDecoder();
    }
}
