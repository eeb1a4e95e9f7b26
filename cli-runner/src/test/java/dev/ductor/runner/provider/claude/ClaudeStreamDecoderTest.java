package dev.ductor.runner.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.runner.provider.RunErrors;
import dev.ductor.runner.provider.StreamEvent;
import dev.ductor.runner.provider.StreamEvent.Result;
import dev.ductor.runner.provider.StreamEvent.SessionStarted;
import dev.ductor.runner.provider.StreamEvent.Status;
import dev.ductor.runner.provider.StreamEvent.Text;
import dev.ductor.runner.provider.StreamEvent.TextDelta;
import dev.ductor.runner.provider.StreamEvent.ToolUse;
import dev.ductor.testkit.cli.FakeCli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every captured claude stream, decoded into the normalised events. */
class ClaudeStreamDecoderTest {

    private static List<StreamEvent> decode(String sample) {
        var decoder = new ClaudeStreamDecoder();
        return FakeCli.sample(sample).stream()
                .flatMap(line -> decoder.decode(line).stream())
                .toList();
    }

    private static Result result(List<StreamEvent> events) {
        return events.stream()
                .filter(Result.class::isInstance)
                .map(Result.class::cast)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void hello() {
        List<StreamEvent> events = decode("claude-hello.stream-json.jsonl");
        assertThat(events)
                .containsExactly(
                        new SessionStarted("04f42236-9b6b-4e1a-b43d-b3728c0def06"),
                        new Text("Hello from fake anthropic. You said: hello there"),
                        new Result(
                                "04f42236-9b6b-4e1a-b43d-b3728c0def06",
                                "Hello from fake anthropic. You said: hello there",
                                false,
                                null,
                                0.000175,
                                15,
                                266));
    }

    @Test
    void partialMessagesGiveTextDeltasBeforeTheWholeBlock() {
        List<StreamEvent> events = decode("claude-partial-messages.stream-json.jsonl");
        assertThat(events.stream().filter(e -> !(e instanceof Result)))
                .containsExactly(
                        new SessionStarted("3eb6ac9c-b591-464b-b7d4-2ea9d13e9d4e"),
                        new Status("requesting"),
                        new TextDelta("Hello from fake anthropic. "),
                        new TextDelta("You said: SLOW stream "),
                        new TextDelta("me some words please "),
                        new TextDelta("now"),
                        new Text("Hello from fake anthropic. You said: SLOW stream me some words please now"));
        assertThat(result(events).text())
                .isEqualTo("Hello from fake anthropic. You said: SLOW stream me some words please now");
    }

    @Test
    void resumeKeepsTheSessionId() {
        List<StreamEvent> events = decode("claude-resume-model-sonnet.stream-json.jsonl");
        assertThat(events.getFirst()).isEqualTo(new SessionStarted("04f42236-9b6b-4e1a-b43d-b3728c0def06"));
        assertThat(result(events).text()).isEqualTo("Hello from fake anthropic. You said: second turn");
        assertThat(result(events).costUsd()).isEqualTo(0.000105);
    }

    @Test
    void toolTurnGivesTextToolText() {
        List<StreamEvent> events = decode("claude-tool-bash-bypass.stream-json.jsonl");
        assertThat(events.stream().filter(e -> !(e instanceof Result)))
                .containsExactly(
                        new SessionStarted("377090d3-7964-46c6-9054-d53e8ef46edd"),
                        new Text("I'll run the command."),
                        new ToolUse("Bash"),
                        new Text("Tool said: hi"));
        assertThat(result(events).isError()).isFalse();
        assertThat(result(events).text()).isEqualTo("Tool said: hi");
        assertThat(result(events).costUsd()).isEqualTo(0.00035);
    }

    @Test
    void deniedToolIsStillASuccessfulTurn() {
        List<StreamEvent> events = decode("claude-tool-denied.stream-json.jsonl");
        assertThat(events).filteredOn(ToolUse.class::isInstance).containsExactly(new ToolUse("Bash"));
        assertThat(result(events).isError()).isFalse();
        assertThat(result(events).text()).startsWith("Tool said: touch in '/home/user/project/perm.txt' was blocked");
    }

    @Test
    void thinkingBecomesAStatus() {
        List<StreamEvent> events = decode("claude-thinking.stream-json.jsonl");
        assertThat(events.stream().filter(e -> !(e instanceof Result)))
                .containsExactly(
                        new SessionStarted("14509ff1-d523-4027-8e6c-876b856af50e"),
                        new Status("thinking"),
                        new Text("Hello from fake anthropic. You said: THINK then answer"));
    }

    @Test
    void badResumeIsClassifiedForAFreshRetry() {
        Result result = result(decode("claude-bad-resume.stream-json.jsonl"));
        assertThat(result.isError()).isTrue();
        assertThat(result.sessionId()).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(RunErrors.classify(result.error()))
                .isEqualTo("bad_resume: No conversation found with session ID: 11111111-1111-1111-1111-111111111111");
    }

    @Test
    void invalidKeyIsAnAuthError() {
        for (String sample :
                List.of("claude-401-no-retries.stream-json.jsonl", "claude-401-default-10-retries.stream-json.jsonl")) {
            List<StreamEvent> events = decode(sample);
            assertThat(events)
                    .filteredOn(Text.class::isInstance)
                    .containsExactly(new Text("Invalid API key · Fix external API key"));
            Result result = result(events);
            assertThat(result.isError()).isTrue();
            assertThat(RunErrors.classify(result.error())).isEqualTo("auth: Invalid API key · Fix external API key");
        }
    }

    @Test
    void notLoggedInIsAnAuthError() {
        Result result = result(decode("claude-no-api-key.stream-json.jsonl"));
        assertThat(result.sessionId()).isEqualTo("4b15de6f-68a0-4477-a465-f535c97e3ba3");
        assertThat(RunErrors.classify(result.error())).isEqualTo("auth: Not logged in · Please run /login");
    }

    @Test
    void serverDownIsACliError() {
        Result result = result(decode("claude-server-down.stream-json.jsonl"));
        assertThat(result.isError()).isTrue();
        assertThat(RunErrors.classify(result.error()))
                .isEqualTo("cli_error: API Error: Unable to connect to API (ConnectionRefused)");
    }

    @Test
    void ignoresBlankAndBrokenLines() {
        var decoder = new ClaudeStreamDecoder();
        assertThat(decoder.decode("")).isEmpty();
        assertThat(decoder.decode("   ")).isEmpty();
        assertThat(decoder.decode("not json {")).isEmpty();
        assertThat(decoder.decode("[1,2]")).isEmpty();
        assertThat(decoder.decode("{\"type\":\"user\"}")).isEmpty();
    }
}
