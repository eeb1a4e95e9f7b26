package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A sub-agent's own automation through the real services (behaviour §5.8, §6.1, §6.2, §5.7): its CLI creates
 * a cron job with its tool, which lands in its own {@code cron_jobs.json} and fires into its own chat, through
 * its own bot; a webhook of its own {@code webhooks.json} is served on its own port and wakes its chat; a
 * background task it creates is its own and its notice reaches its chat. The main agent sees none of it.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubAgentAutomationIT {

    private static final String HELPER_TOKEN = "765432:helper-automation-token";
    private static final String HOOK_TOKEN = "helper-hook-token";
    private static final long CHAT = DuctorStack.ALICE;

    /**
     * The fake CLI's tool call: a turn of the helper in its workspace runs the command the test left in
     * {@code next} once (a cron job's or a task's run has no {@code tools/} in its folder, the main agent none
     * of it).
     */
    private static final String SCRIPT = """
            [ "$DUCTOR_AGENT_NAME" = helper ] && [ -n "$DUCTOR_CHAT_ID" ] && [ -d tools ] || exit 0
            mv "$1/next" "$1/taken-$$" 2>/dev/null || exit 0
            sh "$1/taken-$$"
            """;

    private final DuctorStack stack;
    private final FakeTelegram helperBot = FakeTelegram.start(HELPER_TOKEN, "helper_automation_bot");
    private FakeCli claude;
    private int mainHookPort;
    private int helperHookPort;

    SubAgentAutomationIT(DuctorStack stack) {
        this.stack = stack;
        stack.deleteOnCloseQueuesOf("helper");
    }

    @AfterAll
    void closeBot() {
        helperBot.close();
    }

    @BeforeStackStart
    void helperWithItsOwnWebhookPort() throws IOException {
        // the main agent serves webhooks too, on its port, with no hook of the helper's name
        mainHookPort = stack.withWebhooks("{\"hooks\": []}");
        helperHookPort = DuctorStack.freePort();
        Files.writeString(stack.home().resolve("agents.json"), """
                [{"name": "helper", "transport": "telegram", "telegram_token": "%s",
                  "telegram_api_url": "%s", "allowed_user_ids": [%d],
                  "webhooks": {"enabled": true, "host": "127.0.0.1", "port": %d}}]
                """.formatted(
                        HELPER_TOKEN, helperBot.baseUrl(), CHAT, helperHookPort));
        Path helperHome = Files.createDirectories(stack.home().resolve("agents/helper"));
        Files.writeString(helperHome.resolve("webhooks.json"), """
                {"hooks": [{"id": "deploy", "title": "Deploys", "mode": "wake",
                  "prompt_template": "Deploy {{version}} finished", "auth_mode": "bearer", "token": "%s"}]}
                """.formatted(HOOK_TOKEN));
        Files.createDirectories(marks());
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl")
                        .runsTool("sh", "-c", SCRIPT, "script", marks().toString()))
                .install();
    }

    private Path marks() {
        return stack.home().resolve("it-marks");
    }

    private Path helperHome() {
        return stack.home().resolve("agents/helper");
    }

    @Test
    @Order(1)
    void aCronJobTheSubAgentCreatesIsItsOwnAndFiresIntoItsOwnChat() throws IOException {
        helperBot.awaitRequests("getUpdates", 2, Duration.ofSeconds(60));
        await("the helper's workspace seeded with its tools")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(helperHome().resolve("workspace/tools/cron_tools/cron_add.py")));
        Files.writeString(marks().resolve("next"), """
                sh tools/cron_tools/cron_add.py --name "Helper Brief" --title "Helper brief" \
                  --description "Tell me the news" --schedule '* * * * *'
                """);
        helperBot.sendUserMessage(CHAT, CHAT, "remind me every minute");

        Invocation turn = awaitTurn("remind me every minute");
        assertThat(turn.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(claude.recordDir().resolve("calls/" + turn.number() + "/tool-exit")));
        FakeCli.ToolRun run = claude.toolOutput(turn.number());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("job_id", "helper-brief");
        assertThat(helperHome().resolve("cron_jobs.json")).content().contains("helper-brief", Long.toString(CHAT));
        assertThat(helperHome().resolve("workspace/cron_tasks/helper-brief/TASK_DESCRIPTION.md"))
                .content()
                .contains("Tell me the news");
        Path mainJobs = stack.home().resolve("cron_jobs.json");
        if (Files.exists(mainJobs)) {
            assertThat(mainJobs).content().doesNotContain("helper-brief");
        }

        // within a minute the scheduler's context of the helper fires it: the helper's orchestrator runs it in
        // the helper's cron_tasks and its bot reports in the chat the job was created in
        awaitMessage(helperBot, m -> m.text().contains("TASK: Helper brief"), 100);
        assertThat(claude.invocations()).anySatisfy(call -> {
            assertThat(call.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
            assertThat(call.stdin()).contains("helper-brief_MEMORY.md");
        });
        assertThat(botMessages(stack.telegram(), CHAT)).noneMatch(m -> m.text().contains("Helper brief"));

        // the job ends here: the file is the helper's, the scheduler reads it again at its change
        Files.writeString(helperHome().resolve("cron_jobs.json"), "{\"jobs\": []}");
    }

    @Test
    @Order(2)
    void theSubAgentsWebhookIsServedOnItsOwnPortAndWakesItsOwnChat() throws Exception {
        long answersBefore = answers(helperBot);
        int mainMessagesBefore = botMessages(stack.telegram(), CHAT).size();
        String body = "{\"version\": \"v1.2.3\"}";
        HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> post(helperHookPort, "deploy", body), response -> response.statusCode() == 202);
        assertThat(accepted.body()).contains("\"hook_id\":\"deploy\"");
        // the main agent's server has no such hook: the helper's hooks are its own
        assertThat(post(mainHookPort, "deploy", body).statusCode()).isEqualTo(404);

        Invocation woken = awaitTurn("Deploy v1.2.3 finished");
        assertThat(woken.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        await("the helper bot's answer to the wake-up")
                .atMost(Duration.ofSeconds(60))
                .until(() -> answers(helperBot) > answersBefore);
        assertThat(botMessages(stack.telegram(), CHAT)).hasSize(mainMessagesBefore);
        assertThat(helperHome().resolve("webhooks.json")).content().containsPattern("\"trigger_count\"\\s*:\\s*1");
    }

    @Test
    @Order(3)
    void aBackgroundTaskTheSubAgentCreatesIsItsOwnAndItsNoticeReachesItsOwnChat() throws Exception {
        Files.writeString(
                marks().resolve("next"),
                "sh tools/task_tools/create_task.py --name flights \"Find the cheapest flights to Lisbon\"\n");
        helperBot.sendUserMessage(CHAT, CHAT, "find me flights, in the background");

        Invocation turn = awaitTurn("find me flights, in the background");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(claude.recordDir().resolve("calls/" + turn.number() + "/tool-exit")));
        FakeCli.ToolRun created = claude.toolOutput(turn.number());
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).matches("(?s)Background task 'flights' created \\(task_id: [0-9a-f]{8}\\)\\..*");
        String id = created.output().replaceAll("(?s).*task_id: ([0-9a-f]{8}).*", "$1");

        BotMessage done = awaitMessage(helperBot, m -> m.text().startsWith("Task flights completed"), 90);
        assertThat(done.text()).matches("Task flights completed \\(\\d+s, .*\\)");
        Invocation run = awaitTurn("Find the cheapest flights to Lisbon");
        assertThat(run.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        assertThat(helperHome().resolve("tasks.json")).content().contains(id, "\"done\"");
        assertThat(helperHome().resolve("workspace/tasks/" + id)).isDirectory();
        Path mainTasks = stack.home().resolve("tasks.json");
        if (Files.exists(mainTasks)) {
            assertThat(mainTasks).content().doesNotContain(id);
        }
        assertThat(botMessages(stack.telegram(), CHAT)).noneMatch(m -> m.text().contains("Task flights"));
    }

    private Invocation awaitTurn(String prompt) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> claude.invocations().stream()
                                .filter(call -> call.stdin().contains(prompt))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static long answers(FakeTelegram bot) {
        return botMessages(bot, CHAT).stream()
                .filter(m -> m.text().equals(PrivateChatIT.ANSWER))
                .count();
    }

    private static BotMessage awaitMessage(FakeTelegram bot, Predicate<BotMessage> wanted, int seconds) {
        return await().atMost(Duration.ofSeconds(seconds))
                .until(() -> botMessages(bot, CHAT).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static HttpResponse<String> post(int port, String hook, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + hook))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + HOOK_TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
