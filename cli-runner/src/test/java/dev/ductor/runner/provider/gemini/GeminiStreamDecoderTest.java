package dev.ductor.runner.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.RunErrors;
import dev.ductor.runner.provider.StreamEvent;
import dev.ductor.runner.provider.StreamEvent.Result;
import dev.ductor.runner.provider.StreamEvent.SessionStarted;
import dev.ductor.runner.provider.StreamEvent.Text;
import dev.ductor.runner.provider.StreamEvent.TextDelta;
import dev.ductor.runner.provider.StreamEvent.ToolUse;
import dev.ductor.testkit.cli.FakeCli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every captured gemini stream, decoded into the normalised events; and the command. */
class GeminiStreamDecoderTest {

    private static List<StreamEvent> decode(String sample) {
        var decoder = new GeminiStreamDecoder();
        return FakeCli.sample(sample).stream()
                .flatMap(line -> decoder.decode(line).stream())
                .toList();
    }

    private static Result result(List<StreamEvent> events) {
        return (Result) events.getLast();
    }

    @Test
    void hello() {
        assertThat(decode("gemini-hello.stream-json.jsonl"))
                .containsExactly(
                        new SessionStarted("4a651da7-5488-4a7c-8e1f-b94cf3869f31"),
                        new TextDelta("Hello from fake gemini. You said: hello model"),
                        new Result(
                                "4a651da7-5488-4a7c-8e1f-b94cf3869f31",
                                "Hello from fake gemini. You said: hello model",
                                false,
                                null,
                                0,
                                15,
                                92));
        assertThat(result(decode("gemini-hello-auto-model.stream-json.jsonl")).totalTokens())
                .isEqualTo(30);
        assertThat(result(decode("gemini-resume.stream-json.jsonl")).sessionId())
                .isEqualTo("33333333-3333-3333-3333-333333333333");
    }

    @Test
    void deltasAreStreamedAndAssembled() {
        List<StreamEvent> events = decode("gemini-slow-deltas.stream-json.jsonl");
        assertThat(events)
                .filteredOn(e -> e instanceof Text || e instanceof TextDelta)
                .containsExactly(
                        new TextDelta("Hello from fake gemini. "),
                        new TextDelta("You said: SLOW stream "),
                        new TextDelta("several words to me "),
                        new TextDelta("now"));
        assertThat(result(events).text())
                .isEqualTo("Hello from fake gemini. You said: SLOW stream several words to me now");
    }

    @Test
    void toolsAreShownByName() {
        for (String sample :
                List.of("gemini-tool-yolo.stream-json.jsonl", "gemini-tool-nonzero-exit.stream-json.jsonl")) {
            List<StreamEvent> events = decode(sample);
            assertThat(events).filteredOn(ToolUse.class::isInstance).containsExactly(new ToolUse("run_shell_command"));
            assertThat(result(events).isError()).isFalse();
        }
    }

    @Test
    void errorResultsAreClassified() {
        Result unauthorized = result(decode("gemini-401.stream-json.jsonl"));
        assertThat(unauthorized.isError()).isTrue();
        assertThat(unauthorized.sessionId()).isEqualTo("622958e5-1a90-4474-a34e-71a4e5244c75");
        assertThat(RunErrors.classify(unauthorized.error())).startsWith("auth: [API Error:");
        assertThat(RunErrors.classify(
                        result(decode("gemini-server-down.stream-json.jsonl")).error()))
                .isEqualTo("cli_error: [API Error: exception TypeError: fetch failed sending request]");
    }

    @Test
    void command() {
        var request = new RunRequest(
                "r",
                new ChatRef("tg", "main", 1, null),
                "gemini",
                "gemini-2.5-flash",
                "",
                "bypassPermissions",
                "hi",
                null,
                "3333",
                300,
                List.of(),
                null,
                null);
        assertThat(GeminiCommand.build(Path.of("/bin/gemini"), request))
                .containsExactly(
                        "/bin/gemini",
                        "--output-format",
                        "stream-json",
                        "--include-directories",
                        ".",
                        "--model",
                        "gemini-2.5-flash",
                        "--approval-mode",
                        "yolo",
                        "--resume",
                        "3333");
    }
}
