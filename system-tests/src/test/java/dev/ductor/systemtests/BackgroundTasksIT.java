package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Background tasks (behaviour §5.7, scenario 55) through the real services: a turn's CLI runs
 * {@code tools/task_tools/create_task.py}; the task runs on the runner beside the chat; "Task … completed"
 * reaches the chat and the result is injected into the parent session, whose answer is shown. And a task in
 * flight while the orchestrator is killed with SIGKILL and restarted: its result arrives once, the task ran
 * once, the injection ran once.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackgroundTasksIT {

    /**
     * The fake CLI's tool call, by the order of the calls in a chat: the first (the user's turn) creates the
     * task, the second (the task's run) waits while a {@code hold} file exists, until {@code go} appears.
     */
    private static final String SCRIPT = """
            [ -n "$DUCTOR_CHAT_ID" ] || exit 0
            d=.tasks-it/$DUCTOR_CHAT_ID; mkdir -p "$d/calls"
            n=$(ls "$d/calls" | wc -l); touch "$d/calls/$n"
            case $n in
              0) sh tools/task_tools/create_task.py --name flights "Find the three cheapest flights to Lisbon" ;;
              1) touch "$d/started"
                 i=0; while [ -e "$d/hold" ] && [ ! -e "$d/go" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done ;;
            esac
            exit 0
            """;

    private final DuctorStack stack;

    BackgroundTasksIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void scriptClaude() {
        stack.claude().respond(withTool()).install();
    }

    private static Response withTool() {
        return Response.sample("claude-hello.stream-json.jsonl").runsTool("sh", "-c", SCRIPT);
    }

    private Path marks(long chat) {
        return stack.home().resolve("workspace/.tasks-it/" + chat);
    }

    @Test
    @Order(1)
    void scenario55_aTaskTheAgentCreatesRunsBesideTheChatAndItsResultIsAnnouncedAndInjected() throws Exception {
        FakeCli claude = stack.claude().respond(withTool()).install();
        var telegram = stack.telegram();
        long chat = DuctorStack.ALICE;
        telegram.sendUserMessage(chat, chat, "find me flights, in the background");

        BotMessage done = awaitMessage(telegram, chat, m -> m.text().startsWith("Task flights completed"));
        assertThat(done.text()).matches("Task flights completed \\(\\d+s, claude/opus\\)");
        Invocation turn = callsFor(claude, chat).getFirst();
        FakeCli.ToolRun created = claude.toolOutput(turn.number());
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).matches("(?s)Background task 'flights' created \\(task_id: [0-9a-f]{8}\\)\\..*");
        String id = created.output().replaceAll("(?s).*task_id: ([0-9a-f]{8}).*", "$1");

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(callsFor(claude, chat)).hasSize(3));
        List<Invocation> calls = callsFor(claude, chat);
        assertThat(calls.get(1).stdin())
                .startsWith("Find the three cheapest flights to Lisbon")
                .contains("tools/task_tools/ask_parent.py " + id);
        assertThat(calls.get(1).argv()).doesNotContain("--resume");
        assertThat(calls.get(2).stdin())
                .contains("[BACKGROUND TASK COMPLETED: task_id='" + id + "' name='flights']")
                .contains("Original task: Find the three cheapest flights to Lisbon");
        // the parent session's answer to the injection is shown as an answer: the turn's, then this one
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(botMessages(telegram, chat))
                        .filteredOn(m -> m.text().equals(PrivateChatIT.ANSWER))
                        .hasSize(2));

        JsonNode task = task(id);
        assertThat(task.path("status").asString()).isEqualTo("done");
        assertThat(task.path("chat_id").asLong()).isEqualTo(chat);
        assertThat(task.path("result_preview").asString()).isEqualTo(PrivateChatIT.ANSWER);
        assertThat(stack.home().resolve("workspace/tasks/" + id + "/TASKMEMORY.md"))
                .content()
                .startsWith("# Task: flights");

        int list = telegram.sendUserMessage(chat, chat, "/tasks");
        BotMessage tasks =
                awaitMessage(telegram, chat, m -> Integer.valueOf(list).equals(m.replyTo()));
        assertThat(tasks.text())
                .startsWith("Background Tasks")
                .contains("Finished")
                .contains(id);
    }

    @Test
    @Order(2)
    void orchestratorKilledWhileATaskRuns_itsResultArrivesOnceAndNothingRunsTwice() throws Exception {
        FakeCli claude = stack.claude().respond(withTool()).install();
        var telegram = stack.telegram();
        long chat = DuctorStack.CAROL;
        Files.createDirectories(marks(chat));
        Files.writeString(marks(chat).resolve("hold"), "");
        telegram.sendUserMessage(chat, chat, "find me flights, in the background");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(marks(chat).resolve("started")));

        stack.service("orchestrator").kill();
        stack.restart("orchestrator");
        Files.writeString(marks(chat).resolve("go"), "");

        awaitMessage(telegram, chat, m -> m.text().startsWith("Task flights completed"));
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(callsFor(claude, chat)).hasSize(3));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(callsFor(claude, chat)).hasSize(3);
            assertThat(botMessages(telegram, chat))
                    .filteredOn(m -> m.text().startsWith("Task flights"))
                    .hasSize(1);
        });
        assertThat(callsFor(claude, chat).get(2).stdin()).contains("[BACKGROUND TASK COMPLETED: task_id=");
    }

    private JsonNode task(String id) throws Exception {
        for (JsonNode task : JsonMapper.builder()
                .build()
                .readTree(Files.readString(stack.home().resolve("tasks.json")))
                .path("tasks")) {
            if (task.path("task_id").asString().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("no task " + id + " in tasks.json");
    }

    private static BotMessage awaitMessage(FakeTelegram telegram, long chat, Predicate<BotMessage> wanted) {
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> botMessages(telegram, chat).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
