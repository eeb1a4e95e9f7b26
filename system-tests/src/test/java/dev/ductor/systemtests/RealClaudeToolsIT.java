package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.InstalledClis;
import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.RecordedRequest;
import dev.ductor.testkit.modelapi.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's tools run by the real {@code claude} (behaviour §6.8): the runner starts the installed CLI
 * (HOME isolated, {@code ANTHROPIC_BASE_URL} through {@code DUCTOR_HOME/.env}) against the fake model API,
 * whose model answers the user's message with a Bash tool call of {@code tools/cron_tools/cron_add.py}; the
 * scheduler writes the job for the chat, the tool's answer goes back to the model and its final text to the
 * chat. Skipped when the real claude is not installed ({@code bin/install-clis}).
 */
@DuctorSystemTest
@EnabledIf("claudeInstalled")
class RealClaudeToolsIT {

    private final DuctorStack stack;
    private final FakeModelApi api = FakeModelApi.start();

    RealClaudeToolsIT(DuctorStack stack) {
        this.stack = stack;
    }

    static boolean claudeInstalled() {
        return InstalledClis.find("claude").isPresent();
    }

    @BeforeStackStart
    void theRealClaudeAgainstTheFakeModelApi() throws IOException {
        Path claude = stack.home().resolveSibling("bin/claude");
        Files.delete(claude);
        Files.createSymbolicLink(claude, InstalledClis.find("claude").orElseThrow());
        Path home = Files.createDirectories(stack.home().resolveSibling("claude-home"));
        Path tmp = Files.createDirectories(stack.home().resolveSibling("claude-tmp"));
        Files.writeString(stack.home().resolve(".env"), """
                ANTHROPIC_BASE_URL=%s
                ANTHROPIC_API_KEY=sk-ant-fake
                DISABLE_TELEMETRY=1
                CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
                CLAUDE_CODE_MAX_RETRIES=0
                CLAUDE_CODE_TMPDIR=%s
                """.formatted(api.baseUrl(), tmp));
        stack.service("cli-runner").putEnvironment("HOME", home.toString());
        stack.service("cli-runner").putEnvironment("TMPDIR", tmp.toString());
        api.script(
                Reply.shell("sh tools/cron_tools/cron_add.py --name 'Morning Brief' --title 'Morning brief'"
                        + " --description 'Tell me the weather' --schedule '0 8 * * *'"),
                Reply.text("Your morning brief is scheduled for 08:00."));
    }

    @AfterAll
    void stopModelApi() {
        api.close();
    }

    @Test
    void theAgentToldToRunCronAddCreatesTheJobForItsChat() throws Exception {
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "remind me every morning at 8");

        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .anySatisfy(m -> assertThat(m.text()).contains("Your morning brief is scheduled for 08:00.")));

        JsonNode job = JsonMapper.builder()
                .build()
                .readTree(Files.readString(stack.home().resolve("cron_jobs.json")))
                .path("jobs")
                .get(0);
        assertThat(job.path("id").asString()).isEqualTo("morning-brief");
        assertThat(job.path("schedule").asString()).isEqualTo("0 8 * * *");
        assertThat(job.path("chat_id").asLong()).isEqualTo(DuctorStack.ALICE);
        assertThat(job.path("transport").asString()).isEqualTo("tg");
        assertThat(stack.home().resolve("workspace/cron_tasks/morning-brief/TASK_DESCRIPTION.md"))
                .content()
                .contains("Tell me the weather");
        List<RecordedRequest> turns = api.requests(ModelApi.ANTHROPIC_MESSAGES);
        assertThat(turns.getFirst().body()).contains("remind me every morning at 8");
        assertThat(turns.getLast().body())
                .as("the tool's answer went back to the model")
                .contains("job_id", "json_entry_created", "cron_tasks/morning-brief");
    }
}
