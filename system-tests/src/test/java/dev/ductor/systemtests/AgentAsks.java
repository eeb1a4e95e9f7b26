package dev.ductor.systemtests;

import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages between agents driven through the fake CLI (behaviour §5.8), for the system tests of
 * {@code ask_agent} and {@code ask_agent_async}: a test leaves a command in an agent's {@code .ia-it/ask} file,
 * a user's message starts that agent's turn, whose tool call runs the command once ({@link #RUN_ASK}); then
 * the calls of the fake CLI tell what each agent was asked and answered.
 */
final class AgentAsks {

    /** The marks directory below an agent's workspace (the CLI's working directory). */
    static final String MARKS = ".ia-it";

    /** The fake CLI's tool call: a turn in a chat runs the command its agent's {@code ask} file holds, once. */
    static final String RUN_ASK = """
            [ -n "$DUCTOR_CHAT_ID" ] || exit 0
            d=.ia-it; mkdir -p "$d"
            if [ -f "$d/ask" ]; then mv "$d/ask" "$d/asking"; exec sh "$d/asking"; fi
            exit 0
            """;

    private final FakeCli cli;

    AgentAsks(FakeCli cli) {
        this.cli = cli;
    }

    /**
     * The agent whose workspace holds {@code marks} runs {@code command} as the tool call of the turn that
     * {@code send} starts with {@code userText}; that turn, once its tool call ran.
     */
    Invocation runs(Path marks, String command, String userText, Runnable send) throws IOException {
        Files.createDirectories(marks);
        Files.writeString(marks.resolve("ask"), command + "\n");
        send.run();
        Invocation turn = awaitCall(call -> call.stdin().contains(userText));
        await().atMost(Duration.ofSeconds(40))
                .until(() -> Files.exists(cli.recordDir().resolve("calls/" + turn.number() + "/tool-exit")));
        return turn;
    }

    /** What the turn's tool call printed, as JSON. */
    JsonNode printed(Invocation turn) {
        return JsonMapper.builder()
                .build()
                .readTree(cli.toolOutput(turn.number()).output());
    }

    /** The task id {@code ask_agent_async} printed in the turn's tool call. */
    String taskId(Invocation turn) {
        return printed(turn).path("task_id").asString();
    }

    List<Invocation> calls(Predicate<Invocation> wanted) {
        return cli.invocations().stream().filter(wanted).toList();
    }

    /** The calls of {@code agent}'s CLI whose prompt contains {@code text}. */
    List<Invocation> calls(String agent, String text) {
        return calls(
                call -> call.stdin().contains(text) && agent.equals(call.env().get("DUCTOR_AGENT_NAME")));
    }

    Invocation awaitCall(Predicate<Invocation> wanted) {
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> calls(wanted).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
