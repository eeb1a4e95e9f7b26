package dev.ductor.runner.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.runner.provider.RunErrors;
import dev.ductor.runner.provider.StreamEvent;
import dev.ductor.runner.provider.StreamEvent.Result;
import dev.ductor.runner.provider.StreamEvent.SessionStarted;
import dev.ductor.runner.provider.StreamEvent.Status;
import dev.ductor.runner.provider.StreamEvent.Text;
import dev.ductor.runner.provider.StreamEvent.ToolUse;
import dev.ductor.testkit.cli.FakeCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every captured codex stream, decoded into the normalised events. */
class CodexStreamDecoderTest {

    private static List<StreamEvent> decode(String sample) {
        var decoder = new CodexStreamDecoder();
        var events = new ArrayList<StreamEvent>();
        FakeCli.sample(sample).forEach(line -> events.addAll(decoder.decode(line)));
        events.addAll(decoder.finish());
        return events;
    }

    private static Result result(List<StreamEvent> events) {
        return events.stream()
                .filter(Result.class::isInstance)
                .map(Result.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void hello() {
        assertThat(decode("codex-hello.jsonl"))
                .containsExactly(
                        new SessionStarted("01a20a1d-5077-74f1-94a9-86f2477720bf"),
                        new Text("Hello from fake openai-responses. You said: hello known"),
                        new Result(
                                "01a20a1d-5077-74f1-94a9-86f2477720bf",
                                "Hello from fake openai-responses. You said: hello known",
                                false,
                                null,
                                0,
                                15,
                                0));
    }

    @Test
    void nonFatalErrorItemsAreNotShown() {
        for (String sample :
                List.of("codex-hello-unknown-model.jsonl", "codex-resume.jsonl", "codex-resume-other-model.jsonl")) {
            List<StreamEvent> events = decode(sample);
            assertThat(events).filteredOn(Text.class::isInstance).hasSize(1);
            assertThat(result(events).isError()).isFalse();
            assertThat(result(events).sessionId()).isEqualTo("01a20a1c-ec56-73d2-a174-b8e8931ef465");
        }
    }

    @Test
    void reasoningIsThinking() {
        assertThat(decode("codex-reasoning.jsonl"))
                .filteredOn(e -> !(e instanceof Result))
                .containsExactly(
                        new SessionStarted("01a20a26-d34a-7e13-bd48-66660a45853b"),
                        new Status("thinking"),
                        new Text("Hello from fake openai-responses. You said: THINK then answer"));
    }

    @Test
    void toolStartsOnceAsBash() {
        for (String sample : List.of("codex-tool-exec.jsonl", "codex-tool-sandbox-readonly-fail.jsonl")) {
            List<StreamEvent> events = decode(sample);
            assertThat(events).filteredOn(ToolUse.class::isInstance).containsExactly(new ToolUse("Bash"));
            assertThat(events).filteredOn(Text.class::isInstance).hasSize(1);
            assertThat(result(events).text()).startsWith("Tool said: Chunk ID:");
        }
    }

    @Test
    void textBeforeAToolCallIsDroppedAsThinkingAloud() {
        var decoder = new CodexStreamDecoder();
        var events = new ArrayList<StreamEvent>();
        for (String line : List.of(
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"let me check\"}}",
                "{\"type\":\"item.started\",\"item\":{\"type\":\"command_execution\"}}",
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":\"done\"}}")) {
            events.addAll(decoder.decode(line));
        }
        events.addAll(decoder.finish());
        assertThat(events).containsExactly(new ToolUse("Bash"), new Text("done"));
    }

    @Test
    void failedTurnsAreClassified() {
        assertThat(RunErrors.classify(result(decode("codex-401.jsonl")).error()))
                .startsWith("auth: unexpected status 401 Unauthorized");
        assertThat(RunErrors.classify(result(decode("codex-429.jsonl")).error()))
                .isEqualTo("rate_limit: exceeded retry limit, last status: 429 Too Many Requests");
        assertThat(RunErrors.classify(result(decode("codex-500.jsonl")).error()))
                .startsWith("cli_error: We’re currently experiencing high demand");
        assertThat(RunErrors.classify(
                        result(decode("codex-missing-env-key.jsonl")).error()))
                .isEqualTo("cli_error: Missing environment variable: `FAKE_API_KEY`.");
    }

    @Test
    void serverDownNeverEndsSoThereIsNoResult() {
        List<StreamEvent> events = decode("codex-server-down-hangs.jsonl");
        assertThat(events).containsExactly(new SessionStarted("01a20a1d-5936-7232-a90a-701045fd9543"));
    }

    @Test
    void aTurnWithoutAnyAnswerIsAnError() {
        var decoder = new CodexStreamDecoder();
        var events = new ArrayList<StreamEvent>();
        for (String line : List.of(
                "{\"type\":\"thread.started\",\"thread_id\":\"t1\"}",
                "{\"type\":\"turn.started\"}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}")) {
            events.addAll(decoder.decode(line));
        }
        assertThat(events.getLast())
                .isEqualTo(new StreamEvent.Result(
                        "t1", "", true, "Codex failed before producing a final response.", 0, 3, 0));
    }

    @Test
    void aStreamThatEndsWithoutATurnEndTellsTheLastErrorItem() {
        var decoder = new CodexStreamDecoder();
        decoder.decode("{\"type\":\"error\",\"message\":\"stream disconnected\"}");
        assertThat(decoder.silentExitError())
                .isEqualTo("Codex failed before producing a final response. stream disconnected");
    }
}
