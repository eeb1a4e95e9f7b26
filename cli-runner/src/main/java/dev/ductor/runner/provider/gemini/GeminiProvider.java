package dev.ductor.runner.provider.gemini;

import dev.ductor.config.DuctorConfig;
import dev.ductor.login.CliLogins;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.ScratchFiles;
import dev.ductor.runner.provider.StreamDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Google Gemini CLI ({@code gemini}). */
@Component
public final class GeminiProvider implements ProviderCli {

    /** ductor's {@code gemini.missing_key} text (behaviour §4.4). */
    static final String MISSING_KEY =
            "Gemini is set to API-key auth mode, but `gemini_api_key` in `~/.ductor/config/config.json` is"
                    + " `\"null\"` or empty.\nWhy this is required: when ductor calls Gemini CLI as an external"
                    + " process, Gemini CLI does not expose an internally entered API key to that caller.\nSet a"
                    + " real API key in `gemini_api_key` and restart `ductor`.";

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public String installHint() {
        return "npm install -g @google/gemini-cli";
    }

    @Override
    public List<String> command(Path executable, RunRequest request, Path scratch) {
        return GeminiCommand.build(executable, request);
    }

    /** No IDE integration, and no self-relaunch (a relaunched child would outlive a kill of the parent). */
    @Override
    public Map<String, String> environment(RunRequest request, boolean runningAsRoot) {
        return Map.of("GEMINI_IDE_ENABLED", "false", "GEMINI_CLI_NO_RELAUNCH", "true");
    }

    /** {@code gemini_api_key} of config.json, unless it is empty or null-like. */
    @Override
    public Map<String, String> configVariables(DuctorConfig config) {
        String key = config.geminiApiKey();
        return CliLogins.isRealKey(key) ? Map.of("GEMINI_API_KEY", key) : Map.of();
    }

    /** The appended system prompt as a Markdown file named by {@code GEMINI_SYSTEM_MD} (behaviour §4.4). */
    @Override
    public Map<String, String> turnFiles(RunRequest request, Path scratch) throws IOException {
        String append = request.appendSystemPrompt();
        if (append == null || append.isBlank()) {
            return Map.of();
        }
        Path file = ScratchFiles.writePrivate(scratch, "gemini-system.md", append);
        return Map.of("GEMINI_SYSTEM_MD", file.toString());
    }

    /** Without an API key, Vertex/GCA or an OAuth login, gemini cannot answer: say so without running it. */
    @Override
    public Optional<String> refusal(Map<String, String> env) {
        return CliLogins.gemini(env) ? Optional.empty() : Optional.of("gemini_missing_key: " + MISSING_KEY);
    }

    @Override
    public boolean authenticated(Map<String, String> env) {
        return CliLogins.gemini(env);
    }

    @Override
    public StreamDecoder decoder() {
        return new GeminiStreamDecoder();
    }
}
