package dev.ductor.runner.contract;

import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.testkit.modelapi.ModelApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real {@code claude} (2.1.197) against the fake Anthropic Messages API: {@code ANTHROPIC_BASE_URL} and
 * {@code ANTHROPIC_API_KEY} through {@code DUCTOR_HOME/.env}, no retries, no title request, HOME isolated.
 */
class ClaudeContractIT extends CliContract {

    @Override
    String cli() {
        return "claude";
    }

    @Override
    String model() {
        return "claude-contract-test";
    }

    @Override
    ModelApi dialect() {
        return ModelApi.ANTHROPIC_MESSAGES;
    }

    @Override
    void configure(String baseUrl, Path home, Map<String, String> dotEnv) {
        dotEnv.put("ANTHROPIC_BASE_URL", baseUrl);
        dotEnv.put("ANTHROPIC_API_KEY", "sk-ant-fake");
        dotEnv.put("DISABLE_TELEMETRY", "1");
        dotEnv.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        dotEnv.put("CLAUDE_CODE_MAX_RETRIES", "0");
        dotEnv.put("CLAUDE_CODE_TMPDIR", home.resolveSibling("tmp").toString());
    }

    @Override
    String shellToolName() {
        return "Bash";
    }

    @Override
    boolean showsThinking() {
        return true;
    }

    @Override
    Outcome downOutcome() {
        return Outcome.ERROR;
    }
}
