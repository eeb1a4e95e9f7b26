package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.RecordedRequest;
import dev.ductor.testkit.modelapi.Reply;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's tools run by the real {@code claude} (behaviour §6.8, §3.14, §5.7, §6.2): the runner starts the
 * installed CLI (HOME isolated, {@code ANTHROPIC_BASE_URL} through {@code DUCTOR_HOME/.env}) against the fake
 * model API, whose model answers each user's message with a Bash tool call (a tool of {@code tools/…}, or a
 * shell writing a file) and then a text. Each case checks the tool's effect, not the model's words: the cron
 * job for the chat, the time and the job list as the model got them back, the job's new schedule and then its removal, the
 * file uploaded to the chat (its bytes), the background task run and announced, then listed, resumed and
 * deleted, a task asking its parent and resumed with the answer, a running task cancelled, the media tools'
 * answers on a voice and a video, a hook listed, edited, its token rotated and removed, the webhook served and
 * fired by its test. The cases run in a fixed order, as the fake model's script is shared: the cron and
 * webhook tools in one chat on the job and hook they add, the task tools on the task of the case before, and
 * the case that leaves turns behind (the webhook's wake of every allowed chat) last. Where a chat's turn and a
 * task's turn run at the same time, the replies are chosen by each turn's prompt ({@link FakeModelApi#onPrompt}).
 * Skipped when the real claude is not installed ({@code bin/install-clis}).
 */
@DuctorSystemTest
@EnabledIf("dev.ductor.systemtests.RealClaude#installed")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealClaudeToolsIT {

    private static final Duration TURN = Duration.ofSeconds(120);

    private final DuctorStack stack;
    private final FakeModelApi api = FakeModelApi.start();
    private final JsonMapper json = JsonMapper.builder().build();
    private int webhookPort;

    RealClaudeToolsIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void theRealClaudeAgainstTheFakeModelApi() throws IOException {
        RealClaude.againstFakeModelApi(stack, api);
        webhookPort = stack.withWebhooks("{\"hooks\": []}");
    }

    @AfterAll
    void stopModelApi() {
        api.close();
    }

    @Test
    @Order(1)
    void theAgentToldToRunCronAddCreatesTheJobForItsChat() throws Exception {
        api.script(
                Reply.shell("sh tools/cron_tools/cron_add.py --name 'Morning Brief' --title 'Morning brief'"
                        + " --description 'Tell me the weather' --schedule '0 8 * * *'"),
                Reply.text("Your morning brief is scheduled for 08:00."));
        int before = turns().size();
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "remind me every morning at 8");

        awaitMessage(DuctorStack.ALICE, m -> m.text().contains("Your morning brief is scheduled for 08:00."));

        JsonNode job = entries("cron_jobs.json", "jobs").getFirst();
        assertThat(job.path("id").asString()).isEqualTo("morning-brief");
        assertThat(job.path("schedule").asString()).isEqualTo("0 8 * * *");
        assertThat(job.path("chat_id").asLong()).isEqualTo(DuctorStack.ALICE);
        assertThat(job.path("transport").asString()).isEqualTo("tg");
        assertThat(stack.home().resolve("workspace/cron_tasks/morning-brief/TASK_DESCRIPTION.md"))
                .content()
                .contains("Tell me the weather");
        List<RecordedRequest> turns = turns().subList(before, turns().size());
        assertThat(turns.getFirst().body()).contains("remind me every morning at 8");
        assertThat(turns.getLast().body())
                .as("the tool's answer went back to the model")
                .contains("job_id", "json_entry_created", "cron_tasks/morning-brief");
    }

    @Test
    @Order(2)
    void cronTimeAndCronListShowTheModelTheTimeAndTheChatsJobs() throws Exception {
        Reply time = Reply.shell("sh tools/cron_tools/cron_time.py");
        Reply list = Reply.shell("sh tools/cron_tools/cron_list.py");
        Instant asked = Instant.now();
        api.script(time, list, Reply.text("You have one job: the morning brief."));
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "which reminders do I have?");

        awaitMessage(DuctorStack.ALICE, m -> m.text().contains("You have one job: the morning brief."));

        assertThat(Instant.parse(json.readTree(toolResult(time)).path("now_utc").asString()))
                .as("cron_time told the model the time now")
                .isBetween(asked.minusSeconds(5), Instant.now());
        JsonNode listed = json.readTree(toolResult(list));
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        assertThat(listed.path("jobs").path(0).path("id").asString()).isEqualTo("morning-brief");
        assertThat(listed.path("jobs").path(0).path("schedule").asString()).isEqualTo("0 8 * * *");
        assertThat(listed.path("jobs").path(0).path("task_folder_exists").asBoolean())
                .isTrue();
    }

    @Test
    @Order(3)
    void cronEditMovesTheJobAndCronRemoveDeletesIt() throws Exception {
        api.script(
                Reply.shell("sh tools/cron_tools/cron_edit.py morning-brief --schedule '30 9 * * 1-5'"),
                Reply.text("Moved to 09:30 on weekdays."));
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "make it 9:30, weekdays only");
        awaitMessage(DuctorStack.ALICE, m -> m.text().contains("Moved to 09:30 on weekdays."));

        List<JsonNode> jobs = entries("cron_jobs.json", "jobs");
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.getFirst();
        assertThat(job.path("id").asString()).isEqualTo("morning-brief");
        assertThat(job.path("schedule").asString()).isEqualTo("30 9 * * 1-5");
        assertThat(job.path("chat_id").asLong()).isEqualTo(DuctorStack.ALICE);

        api.script(
                Reply.shell("sh tools/cron_tools/cron_remove.py morning-brief"),
                Reply.text("The morning brief is gone."));
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "stop the morning brief");
        awaitMessage(DuctorStack.ALICE, m -> m.text().contains("The morning brief is gone."));

        assertThat(entries("cron_jobs.json", "jobs")).isEmpty();
        assertThat(stack.home().resolve("workspace/cron_tasks/morning-brief")).doesNotExist();
    }

    @Test
    @Order(4)
    void aFileTheAgentWritesAndNamesInAFileTagArrivesInTheChat() throws Exception {
        String content = "Quarterly numbers: 42 up, 7 down.\n";
        api.script(
                Reply.shell("mkdir -p output_to_user && printf 'Quarterly numbers: 42 up, 7 down.\\n'"
                        + " > output_to_user/quarterly.txt"),
                Reply.text("Here is your report.\n<file:output_to_user/quarterly.txt>"));
        long chat = DuctorStack.BOB;
        stack.telegram().sendUserMessage(chat, chat, "write me the quarterly report as a file");

        BotMessage sent = awaitMessage(chat, m -> "quarterly.txt".equals(m.documentName()));

        assertThat(stack.home().resolve("workspace/output_to_user/quarterly.txt"))
                .as("the agent's Bash call wrote it")
                .hasContent(content);
        assertThat(stack.telegram().requests("sendDocument"))
                .filteredOn(r -> r.param("chat_id").equals(Long.toString(chat)))
                .singleElement()
                .satisfies(upload -> {
                    assertThat(upload.params().path("document").path("filename").asString())
                            .isEqualTo("quarterly.txt");
                    assertThat(upload.params().path("document").path("size").asInt())
                            .isEqualTo(content.length());
                    assertThat(upload.params().path("document").path("sha256").asString())
                            .as("the bytes that arrived are the file's")
                            .isEqualTo(FakeTelegram.sha256(content.getBytes(StandardCharsets.UTF_8)));
                });
        assertThat(sent.chatId()).isEqualTo(chat);
        assertThat(botMessages(stack.telegram(), chat))
                .anySatisfy(m -> assertThat(m.text()).contains("Here is your report."))
                .noneSatisfy(m -> assertThat(m.text()).contains("<file:", "File not found"));
    }

    @Test
    @Order(5)
    void aBackgroundTaskTheAgentCreatesRunsAndIsAnnouncedAndInjected() throws Exception {
        // only the tool call is scripted: the task's own run and the turn's end race for the next replies
        api.script(Reply.shell(
                "sh tools/task_tools/create_task.py --name flights 'Find the three cheapest flights to Lisbon'"));
        long chat = DuctorStack.CAROL;
        stack.telegram().sendUserMessage(chat, chat, "find me flights, in the background");

        BotMessage done = awaitMessage(chat, m -> m.text().startsWith("Task flights completed"));
        assertThat(done.text()).matches("Task flights completed \\(\\d+s, claude/\\S+\\)");

        JsonNode task = task("flights");
        String id = task.path("task_id").asString();
        assertThat(task.path("status").asString()).isEqualTo("done");
        assertThat(task.path("chat_id").asLong()).isEqualTo(chat);
        assertThat(stack.home().resolve("workspace/tasks/" + id + "/TASKMEMORY.md"))
                .content()
                .startsWith("# Task: flights");
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(turns())
                        .as("the task ran as a turn of its own, and its result went into the chat's session")
                        .anySatisfy(r -> assertThat(r.body()).contains("tools/task_tools/ask_parent.py " + id))
                        .anySatisfy(r -> assertThat(r.body())
                                .contains("[BACKGROUND TASK COMPLETED: task_id='" + id + "' name='flights']")));
    }

    @Test
    @Order(6)
    void webhookListEditRotateAndRemoveChangeTheHook() throws Exception {
        long chat = DuctorStack.ALICE;
        Reply list = Reply.shell("sh tools/webhook_tools/webhook_list.py");
        api.script(
                Reply.shell("sh tools/webhook_tools/webhook_add.py --name 'Build Status' --title Builds"
                        + " --description 'CI results' --mode wake --prompt-template 'Build {{status}}'"),
                list,
                Reply.text("Your build hook is listed."));
        stack.telegram().sendUserMessage(chat, chat, "add a hook for my builds and show me the hooks");
        awaitMessage(chat, m -> m.text().contains("Your build hook is listed."));
        String token = hook("build-status").path("token").asString();
        assertThat(token).isNotBlank();
        String listed = toolResult(list);
        assertThat(listed).as("webhook_list shows no secrets").doesNotContain(token);
        JsonNode entry = json.readTree(listed).path("hooks").path(0);
        assertThat(entry.path("id").asString()).isEqualTo("build-status");
        assertThat(entry.path("token_set").asBoolean()).isTrue();
        assertThat(entry.path("prompt_template").asString()).isEqualTo("Build {{status}}");

        api.script(
                Reply.shell("sh tools/webhook_tools/webhook_edit.py build-status --disable"
                        + " --prompt-template 'Build {{status}} on {{branch}}'"),
                Reply.text("Changed and paused."));
        stack.telegram().sendUserMessage(chat, chat, "pause it, and name the branch");
        awaitMessage(chat, m -> m.text().contains("Changed and paused."));
        assertThat(hook("build-status").path("prompt_template").asString()).isEqualTo("Build {{status}} on {{branch}}");
        assertThat(hook("build-status").path("enabled").asBoolean()).isFalse();

        Reply rotate = Reply.shell("sh tools/webhook_tools/webhook_rotate_token.py build-status");
        api.script(rotate, Reply.text("New token issued."));
        stack.telegram().sendUserMessage(chat, chat, "the build token leaked, replace it");
        awaitMessage(chat, m -> m.text().contains("New token issued."));
        String rotated = hook("build-status").path("token").asString();
        assertThat(rotated).isNotBlank().isNotEqualTo(token);
        assertThat(json.readTree(toolResult(rotate))
                        .path("rotated")
                        .path(0)
                        .path("bearer_token")
                        .asString())
                .as("the new token went back to the model")
                .isEqualTo(rotated);

        api.script(
                Reply.shell("sh tools/webhook_tools/webhook_remove.py build-status"),
                Reply.text("The build hook is gone."));
        stack.telegram().sendUserMessage(chat, chat, "drop the build hook");
        awaitMessage(chat, m -> m.text().contains("The build hook is gone."));
        assertThat(hooks()).noneSatisfy(h -> assertThat(h.path("id").asString()).isEqualTo("build-status"));
    }

    @Test
    @Order(7)
    void listTasksResumeTaskAndDeleteTaskWorkOnTheChatsTask() throws Exception {
        long chat = DuctorStack.CAROL;
        String id = task("flights").path("task_id").asString();
        Reply list = Reply.shell("sh tools/task_tools/list_tasks.py");
        api.script(list, Reply.text("One task, and it is done."));
        stack.telegram().sendUserMessage(chat, chat, "what are my tasks doing?");
        awaitMessage(chat, m -> m.text().contains("One task, and it is done."));
        assertThat(json.readTree(toolResult(list)).path("tasks"))
                .singleElement()
                .satisfies(listed -> {
                    assertThat(listed.path("task_id").asString()).isEqualTo(id);
                    assertThat(listed.path("status").asString()).isEqualTo("done");
                });

        // as with create_task, only the tool call is scripted: the task's run and the turn's end race
        String followUp = "Only direct flights, please";
        api.script(Reply.shell("sh tools/task_tools/resume_task.py " + id + " '" + followUp + "'"));
        stack.telegram().sendUserMessage(chat, chat, "only direct flights for that search");
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), chat))
                        .as("the resumed task ran and was announced a second time")
                        .filteredOn(m -> m.text().startsWith("Task flights completed"))
                        .hasSize(2));
        assertThat(turns())
                .as("the task's own session got the follow-up as its prompt")
                .anySatisfy(r ->
                        assertThat(userTexts(r)).anySatisfy(t -> assertThat(t).contains(followUp)));
        assertThat(task("flights").path("status").asString()).isEqualTo("done");
        // both unscripted turns of the chat are over before the next script: the resume's own end, and the
        // second result injected into the chat's session
        await().atMost(TURN)
                .until(() -> requestsEndingWith("Task '" + id + "' resumed") >= 1
                        && requestsEndingWith("[BACKGROUND TASK COMPLETED: task_id='" + id + "'") >= 2);

        api.script(Reply.shell("sh tools/task_tools/delete_task.py " + id), Reply.text("The flights task is gone."));
        stack.telegram().sendUserMessage(chat, chat, "delete the flights task");
        awaitMessage(chat, m -> m.text().contains("The flights task is gone."));
        // the tool hands the deletion to the orchestrator over the bus (behaviour §5.7): done after its answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tasks())
                    .noneSatisfy(t -> assertThat(t.path("task_id").asString()).isEqualTo(id));
            assertThat(stack.home().resolve("workspace/tasks/" + id)).doesNotExist();
        });
    }

    @Test
    @Order(8)
    void aTaskAsksItsParentWithAskParentAndGoesOnWithTheAnswer() throws Exception {
        long chat = DuctorStack.ALICE;
        // the task's and the chat's turns run side by side: each reply is chosen by its turn's prompt
        api.onPrompt(
                "plan my Lisbon weekend",
                Reply.shell("sh tools/task_tools/create_task.py --name trip 'Plan a Lisbon weekend for two'"),
                Reply.text("I am planning it in the background."));
        AtomicReference<String> ask = new AtomicReference<>();
        api.onPrompt("Plan a Lisbon weekend for two", prompt -> {
            ask.set("sh tools/task_tools/ask_parent.py " + taskIdIn(prompt) + " 'Window or aisle seat?'");
            return Reply.shell(ask.get());
        });
        stack.telegram().sendUserMessage(chat, chat, "plan my Lisbon weekend, in the background");

        BotMessage question = awaitMessage(chat, m -> m.text().contains("has a question:"));
        String id = task("trip").path("task_id").asString();
        assertThat(question.text()).isEqualTo("Task " + id + " has a question:\nWindow or aisle seat?");
        // the task's next request, which carries the tool's answer, may come after the question reached the chat
        await().atMost(TURN)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(json.readTree(toolResult(ask.get()))
                                .path("success")
                                .asBoolean())
                        .as("ask_parent answered the task's agent at once")
                        .isTrue());
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(turns())
                        .as("the question was injected into the chat's session")
                        .anySatisfy(r -> assertThat(userTexts(r))
                                .anySatisfy(t ->
                                        assertThat(t).contains("[BACKGROUND TASK QUESTION", "Window or aisle seat?"))));
        // the task's run ends after asking and leaves it waiting, its session kept for the answer
        await().atMost(TURN).untilAsserted(() -> {
            JsonNode waiting = task("trip");
            assertThat(waiting.path("status").asString()).isEqualTo("waiting");
            assertThat(waiting.path("question_count").asInt()).isEqualTo(1);
            assertThat(waiting.path("last_question").asString()).isEqualTo("Window or aisle seat?");
            assertThat(waiting.path("num_turns").asInt()).isEqualTo(1);
        });

        api.onPrompt(
                "pass my answer to the task",
                Reply.shell("sh tools/task_tools/resume_task.py " + id + " 'Aisle seat, thanks'"),
                Reply.text("Passed on."));
        api.onPrompt("Aisle seat, thanks", Reply.text("Booked an aisle seat on TAP 123."));
        stack.telegram().sendUserMessage(chat, chat, "aisle — pass my answer to the task");

        awaitMessage(chat, m -> m.text().startsWith("Task trip completed"));
        JsonNode done = task("trip");
        assertThat(done.path("status").asString()).isEqualTo("done");
        assertThat(done.path("result_preview").asString()).isEqualTo("Booked an aisle seat on TAP 123.");
    }

    @Test
    @Order(9)
    void cancelTaskStopsARunningTask() throws Exception {
        long chat = DuctorStack.CAROL;
        api.onPrompt(
                "keep an eye on the fares",
                Reply.shell("sh tools/task_tools/create_task.py --name watcher 'Watch the Lisbon fares until told'"),
                Reply.text("I am watching the fares."));
        // the task's agent runs a long command: the task stays running until it is cancelled
        api.onPrompt("Watch the Lisbon fares until told", Reply.shell("sleep 300"));
        stack.telegram().sendUserMessage(chat, chat, "keep an eye on the fares for me");
        awaitMessage(chat, m -> m.text().contains("I am watching the fares."));
        await().atMost(TURN)
                .until(() -> turns().stream()
                        .anyMatch(r ->
                                userTexts(r).stream().anyMatch(t -> t.contains("Watch the Lisbon fares until told"))));
        String id = task("watcher").path("task_id").asString();
        assertThat(task("watcher").path("status").asString()).isEqualTo("running");

        Reply cancel = Reply.shell("sh tools/task_tools/cancel_task.py " + id);
        api.onPrompt("stop watching the fares", cancel, Reply.text("Stopped watching."));
        stack.telegram().sendUserMessage(chat, chat, "stop watching the fares");

        awaitMessage(chat, m -> m.text().equals("Task watcher cancelled"));
        awaitMessage(chat, m -> m.text().contains("Stopped watching."));
        assertThat(toolResult(cancel)).contains("Task `" + id + "` cancelled.");
        assertThat(task("watcher").path("status").asString()).isEqualTo("cancelled");
        assertThat(botMessages(stack.telegram(), chat))
                .noneSatisfy(m -> assertThat(m.text()).startsWith("Task watcher completed"));
    }

    @Test
    @Order(10)
    void theMediaToolsRunOnAVoiceAndAVideoAndSayWhyTheyCannot() throws Exception {
        assumeTrue(
                onPath("whisper-cli", "whisper-cpp", "whisper", "ffmpeg").isEmpty(),
                "checks the answer where no transcription engine and no ffmpeg are installed");
        long chat = DuctorStack.BOB;
        String transcribe = runMediaTool(
                chat,
                "This is an audio/voice message.",
                "transcribe_audio.py",
                "voice",
                Map.of("file_id", "voice-1", "file_unique_id", "Vx1", "duration", 2, "mime_type", "audio/ogg"),
                new byte[] {'O', 'g', 'g', 'S', 0});
        assertThat(toolResult(transcribe))
                .as("the tool ran on the stored voice file and said why it cannot transcribe it")
                .contains("{\"error\": \"No offline transcription engine where this CLI runs:");
        assertThat(stack.home().resolve("workspace/" + fileIn(transcribe))).exists();

        String video = runMediaTool(
                chat,
                "This is a video.",
                "process_video.py",
                "video",
                Map.of(
                        "file_id",
                        "video-1",
                        "file_unique_id",
                        "Vd1",
                        "duration",
                        3,
                        "width",
                        16,
                        "height",
                        16,
                        "mime_type",
                        "video/mp4"),
                new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        assertThat(toolResult(video))
                .contains("{\"error\": \"ffmpeg is not installed where this CLI runs; process_video needs it"
                        + " (install ffmpeg)\"}");
    }

    /**
     * Sends {@code bytes} as a {@code kind} message of the chat's user; the model, seeing {@code promptLine} in
     * the file's prompt, runs {@code tools/media_tools/<tool> --file <the prompt's path>}, then answers. Returns
     * the command it ran, once the answer is in the chat.
     */
    private String runMediaTool(
            long chat, String promptLine, String tool, String kind, Map<String, Object> media, byte[] bytes) {
        AtomicReference<String> command = new AtomicReference<>();
        api.onPrompt(promptLine, prompt -> {
            command.set("sh tools/media_tools/" + tool + " --file " + fileIn(prompt));
            return Reply.shell(command.get());
        });
        String answer = "Done with the " + kind + ".";
        api.onPrompt(promptLine, Reply.text(answer));
        String fileId = (String) media.get("file_id");
        stack.telegram().registerFile(fileId, kind + "/" + fileId, bytes);
        stack.telegram().injectUpdate(media(chat, 7000 + (int) media.get("duration"), kind, media));
        awaitMessage(chat, m -> m.text().contains(answer));
        return command.get();
    }

    @Test
    @Order(99)
    void aWebhookTheAgentAddsIsServedAndWakesTheChats() throws Exception {
        api.script(
                Reply.shell("sh tools/webhook_tools/webhook_add.py --name 'Deploy Notify' --title 'Deploys'"
                        + " --description 'Tells about deploys' --mode wake"
                        + " --prompt-template 'Deployed {{version}} to {{env}}'"),
                Reply.text("Your deploy webhook is ready."));
        long chat = DuctorStack.DAVE;
        stack.telegram().sendUserMessage(chat, chat, "tell me when a deploy is done");
        awaitMessage(chat, m -> m.text().contains("Your deploy webhook is ready."));

        JsonNode hook = hook("deploy-notify");
        assertThat(hook.path("mode").asString()).isEqualTo("wake");
        String token = hook.path("token").asString();
        assertThat(token).isNotBlank();
        assertThat(turns().getLast().body())
                .as("the tool's answer, with the token, went back to the model")
                .contains("/hooks/deploy-notify", token);

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + webhookPort + "/hooks/deploy-notify"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"1.4.2\", \"env\": \"production\"}"))
                .build();
        // the server re-reads webhooks.json within its watch interval (5 s, behaviour §6.8): until then the
        // new hook is unknown (404), which fires nothing
        HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.send(post, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() != 404);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(turns())
                        .anySatisfy(r -> assertThat(r.body()).contains("Deployed 1.4.2 to production")));
        awaitMessage(chat, m -> m.text().contains(FakeModelApi.DEFAULT_TEXT));

        // webhook_test fires the hook as its sender would; the wake turns still running in the other chats may
        // take the scripted call, so only the effect is checked, wherever the tool ran
        Reply test = Reply.shell("sh tools/webhook_tools/webhook_test.py deploy-notify"
                + " --payload '{\"version\": \"2.0.0\", \"env\": \"staging\"}'");
        api.script(test);
        stack.telegram().sendUserMessage(chat, chat, "test the deploy hook with version 2.0.0 on staging");
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(turns())
                        .anySatisfy(r -> assertThat(r.body()).contains("Deployed 2.0.0 to staging")));
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(
                                json.readTree(toolResult(test)).path("status").asInt())
                        .isEqualTo(202));
    }

    private List<RecordedRequest> turns() {
        return api.requests(ModelApi.ANTHROPIC_MESSAGES);
    }

    /**
     * What a scripted tool call printed, as the model got it back: the {@code tool_result} answering the
     * {@code tool_use} that ran the call's command, in the latest request that holds one.
     */
    private String toolResult(Reply call) {
        return toolResult(call.shellCommand());
    }

    private String toolResult(String command) {
        for (RecordedRequest turn : turns().reversed()) {
            List<JsonNode> blocks = new java.util.ArrayList<>();
            json.readTree(turn.body())
                    .path("messages")
                    .forEach(m -> m.path("content").forEach(blocks::add));
            Optional<JsonNode> result = blocks.stream()
                    .filter(b -> b.path("type").asString().equals("tool_use")
                            && b.path("input").path("command").asString().equals(command))
                    .map(use -> use.path("id").asString())
                    .flatMap(id -> blocks.stream()
                            .filter(b -> b.path("type").asString().equals("tool_result")
                                    && b.path("tool_use_id").asString().equals(id)))
                    .findFirst();
            if (result.isPresent()) {
                JsonNode content = result.get().path("content");
                if (content.isString()) {
                    return content.asString();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(block -> text.append(block.path("text").asString("")));
                return text.toString();
            }
        }
        throw new AssertionError("no tool_result for `" + command + "` reached the model");
    }

    /** The task id in a task's prompt: its rules name {@code ask_parent.py <id>}. */
    private static String taskIdIn(String prompt) {
        Matcher id = Pattern.compile("ask_parent\\.py ([0-9a-f]{8})").matcher(prompt);
        assertThat(id.find()).as("the task's rules name its ask_parent command").isTrue();
        return id.group(1);
    }

    /** The stored file a media prompt (or a tool's command) names after {@code --file}. */
    private static String fileIn(String text) {
        Matcher file = Pattern.compile("--file (telegram_files/\\S+)").matcher(text);
        assertThat(file.find()).as("the prompt names the tool with the file").isTrue();
        return file.group(1);
    }

    private static List<String> onPath(String... commands) {
        List<String> found = new java.util.ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String command : commands) {
                if (!dir.isEmpty() && Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                    found.add(command);
                }
            }
        }
        return found;
    }

    /** The last message of a request to the model (the turn's prompt or a tool's result). */
    private String lastMessage(RecordedRequest turn) {
        JsonNode messages = json.readTree(turn.body()).path("messages");
        return messages.path(messages.size() - 1).toString();
    }

    /** A message of a user in their private chat carrying one media object ({@code voice}, {@code video}). */
    private static Map<String, Object> media(long chat, int messageId, String kind, Map<String, Object> media) {
        return Map.of(
                "message",
                Map.of(
                        "message_id",
                        messageId,
                        "date",
                        Instant.now().getEpochSecond(),
                        "chat",
                        Map.of("id", chat, "type", "private", "first_name", "User"),
                        "from",
                        Map.of("id", chat, "is_bot", false, "first_name", "User" + chat),
                        kind,
                        media));
    }

    private List<JsonNode> tasks() throws IOException {
        return entries("tasks.json", "tasks");
    }

    /** How many requests to the model end with a message holding the text (the turn's prompt or tool result). */
    private long requestsEndingWith(String text) {
        return turns().stream().filter(r -> lastMessage(r).contains(text)).count();
    }

    private JsonNode task(String name) throws IOException {
        return tasks().stream()
                .filter(t -> t.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in tasks.json"));
    }

    /** The texts the user's side of a request carries (prompts, not tool results or tool calls). */
    private List<String> userTexts(RecordedRequest turn) {
        List<String> texts = new java.util.ArrayList<>();
        json.readTree(turn.body()).path("messages").forEach(m -> {
            if (m.path("role").asString().equals("user")) {
                JsonNode content = m.path("content");
                if (content.isString()) {
                    texts.add(content.asString());
                }
                content.forEach(b -> {
                    if (b.path("type").asString().equals("text")) {
                        texts.add(b.path("text").asString());
                    }
                });
            }
        });
        return texts;
    }

    private List<JsonNode> hooks() throws IOException {
        return entries("webhooks.json", "hooks");
    }

    private JsonNode hook(String id) throws IOException {
        return hooks().stream()
                .filter(h -> h.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hook " + id + " in webhooks.json"));
    }

    /** The entries of one of the home's list files ({@code {"<key>": [...]}}). */
    private List<JsonNode> entries(String file, String key) throws IOException {
        List<JsonNode> all = new java.util.ArrayList<>();
        json.readTree(Files.readString(stack.home().resolve(file))).path(key).forEach(all::add);
        return all;
    }

    private BotMessage awaitMessage(long chat, Predicate<BotMessage> wanted) {
        return await().atMost(TURN)
                .until(
                        () -> botMessages(stack.telegram(), chat).stream()
                                .filter(wanted)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
