package dev.ductor.runner.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunOutput.Kind;
import dev.ductor.model.RunRequest;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    /**
     * Issue 15 item 1: with {@code --include-partial-messages} the text reaches the bus while the model
     * writes it, not when the block is complete, and the whole block after its deltas doubles nothing.
     */
    @Test
    void theTextIsStreamedWhileTheModelWritesIt() throws IOException {
        String answer = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
        api.script(Reply.text(answer).paced(6, Duration.ofMillis(400)));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunRequest request = request("count for me");

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).isEqualTo(answer);
        List<RunnerUnderTest.Published> events = runner.published(request.runId());
        List<RunnerUnderTest.Published> texts = events.stream()
                .filter(p -> p.event() instanceof RunOutput o && o.kind() == Kind.TEXT)
                .toList();
        assertThat(texts).hasSizeGreaterThanOrEqualTo(3);
        StringBuilder streamed = new StringBuilder();
        for (RunnerUnderTest.Published p : texts) {
            RunOutput o = (RunOutput) p.event();
            assertThat(o.offset()).isEqualTo(streamed.length());
            streamed.append(o.text());
        }
        assertThat(streamed).hasToString(answer);
        // the model took 2 s to write the answer: its first words were out long before the end
        Instant firstText = texts.getFirst().at();
        Instant lastText = texts.getLast().at();
        assertThat(Duration.between(firstText, lastText)).isGreaterThan(Duration.ofMillis(1200));
        assertThat(Duration.between(firstText, events.getLast().at())).isGreaterThan(Duration.ofMillis(1200));
    }
}
