package dev.ductor.runner.provider.gemini;

import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.StreamDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Google Gemini CLI ({@code gemini}). */
@Component
public final class GeminiProvider implements ProviderCli {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public String installHint() {
        return "npm install -g @google/gemini-cli";
    }

    @Override
    public List<String> command(Path executable, RunRequest request) {
        return GeminiCommand.build(executable, request);
    }

    /** No IDE integration, and no self-relaunch (a relaunched child would outlive a kill of the parent). */
    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        return Map.of("GEMINI_IDE_ENABLED", "false", "GEMINI_CLI_NO_RELAUNCH", "true");
    }

    @Override
    public StreamDecoder decoder() {
        return new GeminiStreamDecoder();
    }
}
