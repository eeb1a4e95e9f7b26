package dev.ductor.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.TaskRequested;
import dev.ductor.scheduler.ToOrchestrator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task tools of the agent API (behaviour §5.7, §6.8): checked against {@code tasks.json} and the calling
 * chat, then handed to the orchestrator as a {@link TaskRequested} with a deterministic message id.
 */
class TaskToolsTest {

    private static final Pattern CREATED = Pattern.compile(
            "Background task 'flights' created \\(task_id: ([0-9a-f]{8})\\)\\. The result will be delivered back to"
                    + " your chat when ready\\.");

    @TempDir
    Path home;

    record Sent(String transport, Contract message, String messageId) {}

    private final List<Sent> sent = new ArrayList<>();
    private boolean brokerDown;
    private DuctorConfig.Tasks settings = new DuctorConfig.Tasks(true, 5, 3600, 168, 100);
    private TaskTools tools;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        tools = new TaskTools(
                home.resolve("tasks.json"),
                (transport, message, id) -> {
                    if (brokerDown) {
                        throw new AmqpException("broker down");
                    }
                    sent.add(new Sent(transport, message, id));
                },
                () -> settings,
                clock);
    }

    private static ToolCall call(long chat, String... args) {
        return new ToolCall(List.of(args), new ToolCall.Chat(chat, null, "tg"));
    }

    private void tasksJson(String... entries) throws Exception {
        Files.writeString(home.resolve("tasks.json"), "{\"tasks\": [" + String.join(",", entries) + "]}");
    }

    private static String task(String id, long chat, String status, String priority) {
        return "{\"task_id\": \"" + id + "\", \"chat_id\": " + chat + ", \"status\": \"" + status
                + "\", \"priority\": \"" + priority + "\", \"session_id\": \"sess-1\", \"name\": \"n\"}";
    }

    @Test
    void createTaskRunByTheLauncherAnswersWithTheNewIdAndHandsTheTaskToTheOrchestrator() throws Exception {
        var server = new AgentApiServer("127.0.0.1", 0, "tok", tools.tools());
        try {
            Path script = Files.createDirectories(home.resolve("workspace/tools/task_tools"))
                    .resolve("create_task.py");
            try (InputStream in =
                    getClass().getResourceAsStream("/dev/ductor/workspace/defaults/launcher/agent-tool.sh")) {
                Files.write(script, in.readAllBytes());
            }
            var builder = new ProcessBuilder(
                            "sh",
                            "tools/task_tools/create_task.py",
                            "--name",
                            "flights",
                            "--provider",
                            "claude",
                            "Find the three cheapest flights to Lisbon")
                    .directory(home.resolve("workspace").toFile());
            builder.environment()
                    .put(
                            "DUCTOR_AGENT_API_URL",
                            "http://127.0.0.1:" + server.address().getPort());
            builder.environment().put("DUCTOR_AGENT_API_TOKEN", "tok");
            builder.environment().put("DUCTOR_CHAT_ID", "4242");
            builder.environment().put("DUCTOR_TOPIC_ID", "7");
            builder.environment().put("DUCTOR_TRANSPORT", "tg");
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(out).isZero();
            Matcher m = CREATED.matcher(out.strip());
            assertThat(m.matches()).as(out).isTrue();
            assertThat(sent).hasSize(1);
            var request = (TaskRequested) sent.getFirst().message();
            assertThat(request.taskId()).isEqualTo(m.group(1));
            assertThat(request.action()).isEqualTo(TaskRequested.CREATE);
            assertThat(request.chat()).isEqualTo(new ChatRef("tg", "main", 4242, 7L));
            assertThat(request.text()).isEqualTo("Find the three cheapest flights to Lisbon");
            assertThat(request.provider()).isEqualTo("claude");
            assertThat(request.priority()).isEqualTo("background");
            assertThat(sent.getFirst().messageId())
                    .isEqualTo("task:create:" + request.taskId() + ":" + request.requestId());
        } finally {
            server.close();
        }
    }

    @Test
    void createRefusesWithoutAPromptOutsideAChatAndOverTheLimitButNotForAnInteractiveTask() throws Exception {
        assertThat(tools.create(call(4242)).output()).contains("Missing required parameters: prompt");
        assertThat(tools.create(call(0, "do it")).output()).contains("DUCTOR_CHAT_ID");
        assertThat(tools.create(call(4242, "--provider", "grok", "do it")).output())
                .contains("invalid choice: 'grok'");
        tasksJson(
                task("00000001", 4242, "running", "background"),
                task("00000002", 4242, "running", "batch"),
                task("00000003", 4242, "running", "background"),
                task("00000004", 4242, "running", "background"),
                task("00000005", 4242, "running", "background"),
                task("00000006", 4242, "running", "interactive"),
                task("00000007", 99, "running", "background"));

        ToolResult refused = tools.create(call(4242, "one more"));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.output()).isEqualTo("{\"error\":\"Too many background tasks (5 max)\"}");
        assertThat(tools.create(call(4242, "--priority", "interactive", "quick one"))
                        .ok())
                .isTrue();
        assertThat(tools.create(call(99, "another chat's limit")).ok()).isTrue();
        settings = new DuctorConfig.Tasks(false, 5, 3600, 168, 100);
        assertThat(tools.create(call(99, "off")).output()).contains("Task system is not enabled.");
        assertThat(sent).hasSize(2);
    }

    @Test
    void aSubAgentsTaskIsItsOwnAndGoesToItsOwnOrchestrator() throws Exception {
        // behaviour §5.8: the helper's tools read its tasks.json and address its chat through its own bot
        var helper = new TaskTools(
                home.resolve("agents/helper/tasks.json"),
                ToOrchestrator.of("helper", (transport, message, id) -> sent.add(new Sent(transport, message, id))),
                () -> settings,
                Clock.systemUTC());
        tasksJson(task("0000000a", 4242, "done", "background"));

        assertThat(helper.create(call(4242, "--name", "flights", "find flights"))
                        .output())
                .matches(CREATED);
        TaskRequested request = (TaskRequested) sent.getFirst().message();
        assertThat(request.chat()).isEqualTo(new ChatRef("tg", "helper", 4242, null));
        assertThat(request.from()).isEqualTo("helper");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(helper.list(call(4242)).output())
                        .path("count")
                        .asInt())
                .isZero(); // the main agent's task is not the helper's
    }

    @Test
    void aChatSeesAndChangesOnlyItsOwnTasks() throws Exception {
        tasksJson(task("0000000a", 4242, "done", "background"), task("0000000b", 99, "running", "background"));

        JsonNode listed =
                JsonMapper.builder().build().readTree(tools.list(call(4242)).output());
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        assertThat(listed.path("tasks").get(0).path("task_id").asString()).isEqualTo("0000000a");
        for (ToolResult refused : List.of(
                tools.change(call(4242, "0000000b"), TaskRequested.CANCEL, "cancel_task.py"),
                tools.resume(call(4242, "0000000b", "go on")),
                tools.askParent(call(4242, "0000000b", "why?")))) {
            assertThat(refused.ok()).isFalse();
            assertThat(refused.output()).contains("Not authorized");
        }
        assertThat(sent).isEmpty();
    }

    @Test
    void resumeAskCancelAndDeleteAreHandedOverWhenTheTasksStateAllowsThem() throws Exception {
        tasksJson(
                task("0000000a", 4242, "done", "background"),
                task("0000000b", 4242, "running", "background"),
                task("0000000c", 4242, "waiting", "background"));

        assertThat(tools.resume(call(4242, "0000000b", "more")).output()).contains("is running");
        assertThat(tools.resume(call(4242, "0000000a", "and", "more")).ok()).isTrue();
        assertThat(tools.askParent(call(4242, "0000000a", "why?")).output()).contains("is not running");
        ToolResult asked = tools.askParent(call(4242, "0000000b", "Economy or business?"));
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(asked.output())
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(tools.change(call(4242, "0000000a"), TaskRequested.CANCEL, "cancel_task.py")
                        .output())
                .contains("Task `0000000a` not running.");
        assertThat(tools.change(call(4242, "0000000c"), TaskRequested.CANCEL, "cancel_task.py")
                        .ok())
                .isTrue();
        assertThat(tools.change(call(4242, "0000000b"), TaskRequested.DELETE, "delete_task.py")
                        .output())
                .contains("only finished tasks");
        assertThat(tools.change(call(4242, "0000000a"), TaskRequested.DELETE, "delete_task.py")
                        .ok())
                .isTrue();
        assertThat(tools.change(call(4242, "../etc"), TaskRequested.DELETE, "delete_task.py")
                        .output())
                .contains("Invalid task id");

        assertThat(sent.stream().map(s -> ((TaskRequested) s.message()).action()))
                .containsExactly("resume", "ask_parent", "cancel", "delete");
        var resume = (TaskRequested) sent.getFirst().message();
        assertThat(resume.text()).isEqualTo("and more");
        assertThat(resume.chat().chatId()).isEqualTo(4242);
    }

    @Test
    void aRequestTheBrokerDoesNotTakeIsAnErrorAndNothingIsAnnounced() {
        brokerDown = true;
        ToolResult result = tools.create(call(4242, "do it"));
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("could not take the request");
    }
}
