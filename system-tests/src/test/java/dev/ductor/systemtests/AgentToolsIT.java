package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's tools through the whole path (behaviour §6.8): the CLI the runner starts in the seeded
 * workspace runs {@code tools/cron_tools/cron_add.py} as a shell tool call, with nothing but the runner's
 * environment (the agent API's address and token), then {@code cron_edit.py} to send the job's results to a
 * topic of the group; the scheduler writes the job and, a minute later at the most, fires it there.
 */
@DuctorSystemTest
class AgentToolsIT {

    private static final long TOPIC = 9;

    private final DuctorStack stack;
    private FakeCli claude;

    AgentToolsIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void agentCreatesAJob() {
        // every call of the fake plays this; only a turn (not the runner's `claude --version`) runs the tool
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl")
                        .runsTool(
                                "sh",
                                "-c",
                                "[ -z \"$DUCTOR_CHAT_ID\" ] || { sh tools/cron_tools/cron_add.py \"$@\""
                                        + " && sh tools/cron_tools/cron_edit.py morning-brief --chat-id "
                                        + DuctorStack.GROUP + " --topic-id " + TOPIC + "; }",
                                "tool",
                                "--name",
                                "Morning Brief",
                                "--title",
                                "Morning brief",
                                "--description",
                                "Tell me the weather",
                                "--schedule",
                                "* * * * *"))
                .install();
    }

    @Test
    void aJobTheAgentCreatesAndRoutesIsScheduledAndReportsToItsTopic() throws Exception {
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "remind me every minute");

        Invocation turn = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> claude.invocations().stream()
                                .filter(call -> call.stdin().contains("remind me every minute"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(claude.recordDir().resolve("calls/" + turn.number() + "/tool-exit")));
        FakeCli.ToolRun run = claude.toolOutput(turn.number());
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> out = JsonMapper.builder()
                .build()
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(run.output())
                .readAll();
        assertThat(out).as(run.output()).hasSize(2);
        assertThat(out.get(0).path("job_id").asString()).isEqualTo("morning-brief");
        assertThat(out.get(0).path("json_entry_created").asBoolean()).isTrue();
        assertThat(out.get(1).path("updated_fields").toString()).contains("chat_id", "topic_id");

        JsonNode job = JsonMapper.builder()
                .build()
                .readTree(Files.readString(stack.home().resolve("cron_jobs.json")))
                .path("jobs")
                .get(0);
        assertThat(job.path("id").asString()).isEqualTo("morning-brief");
        assertThat(job.path("chat_id").asLong()).isEqualTo(DuctorStack.GROUP);
        assertThat(job.path("topic_id").asLong()).isEqualTo(TOPIC);
        Path folder = stack.home().resolve("workspace/cron_tasks/morning-brief");
        assertThat(folder.resolve("TASK_DESCRIPTION.md")).content().contains("Tell me the weather");

        await().atMost(Duration.ofSeconds(100))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.GROUP))
                        .anySatisfy(m -> {
                            assertThat(m.text()).contains("TASK: Morning brief");
                            assertThat(m.threadId()).isEqualTo(TOPIC);
                        }));
        assertThat(claude.invocations())
                .anySatisfy(call -> assertThat(call.stdin()).contains("morning-brief_MEMORY.md"));
    }
}
