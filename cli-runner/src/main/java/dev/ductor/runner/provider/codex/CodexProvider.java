package dev.ductor.runner.provider.codex;

import dev.ductor.login.CliLogins;
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
    public List<String> command(Path executable, RunRequest request, Path scratch) {
        return CodexCommand.build(executable, request);
    }

    /** The prompt goes on stdin ({@code -}), as ductor does: no 128 KiB argument limit for long prompts. */
    @Override
    public String stdin(RunRequest request) {
        return CodexCommand.prompt(request);
    }

    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        return Map.of();
    }

    /** shared-model's rule (behaviour §4.8): an OpenAI key in the environment, or {@code auth.json}. */
    @Override
    public boolean authenticated(Map<String, String> env) {
        return CliLogins.codex(env);
    }

    @Override
    public StreamDecoder decoder() {
        return new CodexStreamDecoder();
    }
}
