package dev.ductor.runner.contract;

import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real {@code codex} (0.169.0) against the fake OpenAI Responses API. Codex ignores
 * {@code OPENAI_BASE_URL}; it is pointed at the fake by a custom provider in {@code $CODEX_HOME/config.toml}
 * (no retries), its key named by {@code env_key}. Against a server that is down codex reconnects forever,
 * so that case ends by the runner's own deadline: TIMEOUT.
 */
class CodexContractIT extends CliContract {

    @Override
    String cli() {
        return "codex";
    }

    @Override
    String model() {
        return "gpt-5.5";
    }

    @Override
    ModelApi dialect() {
        return ModelApi.OPENAI_RESPONSES;
    }

    @Override
    void configure(String baseUrl, Path home, Map<String, String> dotEnv) throws IOException {
        Path codexHome = Files.createDirectories(home.resolve(".codex"));
        Files.writeString(codexHome.resolve("config.toml"), FakeModelApi.codexConfig(baseUrl));
        dotEnv.put("CODEX_HOME", codexHome.toString());
        dotEnv.put(FakeModelApi.CODEX_KEY_ENV, "sk-fake");
    }

    /**
     * Fails against the real codex 0.169.0: {@code CodexCommand} puts {@code --json --color never --sandbox …}
     * after {@code exec resume}, whose parser knows none of {@code --color}, {@code --sandbox} (rc 2,
     * "unexpected argument '--color' found"). They are accepted before {@code resume}: {@code codex exec --json
     * --color never --sandbox read-only --skip-git-repo-check --model M resume -- ID PROMPT}. Enable this once
     * the command builder does that.
     */
    @Override
    @Test
    void resumedSessionSendsTheEarlierConversation() throws IOException {
        super.resumedSessionSendsTheEarlierConversation();
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
        return Outcome.TIMEOUT;
    }

    @Override
    int downTimeoutSeconds() {
        return 3;
    }
}
