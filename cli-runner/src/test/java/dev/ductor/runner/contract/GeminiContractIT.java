package dev.ductor.runner.contract;

import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.testkit.modelapi.ModelApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@code gemini} (0.61.0) against the fake Gemini API: {@code GOOGLE_GEMINI_BASE_URL} and
 * {@code GEMINI_API_KEY} through {@code DUCTOR_HOME/.env}, plus {@code settings.json} pinning the auth type
 * (a base URL alone makes gemini pick "gateway" auth and exit 41) and {@code maxAttempts=1} (no retries).
 * Gemini does not put thought parts into its stream-json, so thinking only has to stay out of the answer.
 */
class GeminiContractIT extends CliContract {

    @Override
    String cli() {
        return "gemini";
    }

    @Override
    String model() {
        return "gemini-2.5-flash";
    }

    @Override
    ModelApi dialect() {
        return ModelApi.GEMINI_STREAM;
    }

    @Override
    void configure(String baseUrl, Path home, Map<String, String> dotEnv) throws IOException {
        Path geminiHome = Files.createDirectories(home.resolve("gemini-home"));
        Path settings = Files.createDirectories(geminiHome.resolve(".gemini"));
        Files.writeString(settings.resolve("settings.json"), """
                {
                  "security": {"auth": {"selectedType": "gemini-api-key"}},
                  "general": {"maxAttempts": 1, "enableAutoUpdate": false, "enableAutoUpdateNotification": false},
                  "privacy": {"usageStatisticsEnabled": false},
                  "telemetry": {"enabled": false}
                }
                """);
        dotEnv.put("GEMINI_CLI_HOME", geminiHome.toString());
        dotEnv.put("GOOGLE_GEMINI_BASE_URL", baseUrl);
        dotEnv.put("GEMINI_API_KEY", "fake-gemini-key");
        dotEnv.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
    }

    @Override
    String shellToolName() {
        return "run_shell_command";
    }

    @Override
    boolean showsThinking() {
        return false;
    }

    @Override
    Outcome downOutcome() {
        return Outcome.ERROR;
    }
}
