package dev.ductor.runner.provider.codex;

import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.StreamDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** OpenAI Codex ({@code codex}). */
@Component
public final class CodexProvider implements ProviderCli {

    @Override
    public String name() {
        return "codex";
    }

    @Override
    public String installHint() {
        return "npm install -g @openai/codex";
    }

    @Override
    public List<String> command(Path executable, RunRequest request) {
        return CodexCommand.build(executable, request);
    }

    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        return Map.of();
    }

    @Override
    public StreamDecoder decoder() {
        return new CodexStreamDecoder();
    }
}
