package dev.ductor.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.model.TaskRequested;
import dev.ductor.orchestrator.background.TimedRun;
import dev.ductor.orchestrator.chats.AgentChats;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.SelectorMessage;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.AdmittingTurn;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Background tasks in the orchestrator (behaviour §5.7): the registry, the runs, the deliveries, restarts. */
class TasksTest {

    static final ChatRef CHAT = new ChatRef("tg", "main", 123, null);
    static final ChatRef OTHER = new ChatRef("tg", "main", 456, null);
    static final String TASK = "a1b2c3d4";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Bus bus = mock(Bus.class);
    private final Replies replies = mock(Replies.class);
    private final AdmittingTurn admitting = mock(AdmittingTurn.class);
    private final TurnJournal journal = mock(TurnJournal.class);
    private final Set<String> seen = new HashSet<>();
    private final List<PendingMessage> admitted = new ArrayList<>();
    private final SessionStore chatSessions = mock(SessionStore.class);
    private DuctorHome home;
    private ConfigStore config;
    private Tasks tasks;
    private TaskRuns runs;
    private HandlingTasks handling;
    private MaintainingTasks maintaining;
    private TaskInjections injections;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.createDirectories(root.resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[123, 456]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
        home = new DuctorHome(root);
        when(journal.seen(anyString())).thenAnswer(i -> seen.contains(i.<String>getArgument(0)));
        doAnswer(i -> seen.add(i.getArgument(0))).when(journal).markSeen(anyString());
        doAnswer(i -> seen.remove(i.<String>getArgument(0))).when(journal).forget(anyString(), anyString());
        doAnswer(i -> admitted.add(i.getArgument(0))).when(admitting).admit(any(), anyBoolean());
        start();
    }

    /** The orchestrator's task components, as a (re)start builds them from what is on disk. */
    private void start() {
        tasks = new Tasks(home);
        injections = new TaskInjections(home, journal, admitting);
        var messages = new TaskMessages(replies, Texts.english(), injections);
        var finishing = new FinishingTask(tasks, messages, clock);
        runs = new TaskRuns(home, finishing, config, bus, clock);
        var folders = new TaskFolders(home);
        handling = new HandlingTasks(
                tasks,
                runs,
                folders,
                finishing,
                messages,
                config,
                new AgentChats(config, chatSessions, bus),
                new ModelRegistry(new ModelCaches(home)),
                journal,
                clock);
        maintaining = new MaintainingTasks(tasks, runs, finishing, folders, messages, config, clock);
    }

    private static TaskRequested request(String action, String taskId, ChatRef chat, String text, String requestId) {
        return new TaskRequested(
                requestId,
                action,
                taskId,
                chat,
                "main",
                text,
                action.equals(TaskRequested.CREATE) ? "flights" : null,
                action.equals(TaskRequested.CREATE) ? "claude" : null,
                action.equals(TaskRequested.CREATE) ? "sonnet" : null,
                null,
                action.equals(TaskRequested.CREATE) ? "background" : null,
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    private Acker create(String taskId, String priority) {
        Acker acker = mock(Acker.class);
        var create = request(TaskRequested.CREATE, taskId, CHAT, "Find flights to Lisbon", "00000001");
        handling.receive(
                new TaskRequested(
                        create.requestId(),
                        create.action(),
                        taskId,
                        CHAT,
                        "main",
                        create.text(),
                        create.name(),
                        create.provider(),
                        create.model(),
                        null,
                        priority,
                        create.requestedAt()),
                acker);
        return acker;
    }

    private String runId(String taskId) {
        return TaskRuns.runId(taskId, "00000001");
    }

    private RunRequest lastRun() {
        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus, org.mockito.Mockito.atLeastOnce()).toRunners(request.capture(), anyString());
        return request.getValue();
    }

    private String notice(String id) {
        var text = ArgumentCaptor.forClass(String.class);
        verify(replies).runText(eq(id), eq("notice"), eq(CHAT), text.capture(), eq(null));
        return text.getValue();
    }

    private JsonNode entry(String taskId) throws Exception {
        for (JsonNode task : JsonMapper.builder()
                .build()
                .readTree(Files.readString(root.resolve("tasks.json")))
                .path("tasks")) {
            if (task.path("task_id").asString().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in tasks.json");
    }

    private static RunFinished finished(String runId, RunFinished.Outcome outcome, String result) {
        return new RunFinished(runId, outcome, result, "sess-1", 0.01, 10, 1000, 0, null);
    }

    @Test
    void aCreatedTaskIsWrittenInDuctorsFormatGetsItsFolderAndRunsOnTheRunners() throws Exception {
        Acker acker = create(TASK, "background");

        verify(acker).ack();
        JsonNode task = entry(TASK);
        assertThat(task.path("status").asString()).isEqualTo("running");
        assertThat(task.path("name").asString()).isEqualTo("flights");
        assertThat(task.path("chat_id").asLong()).isEqualTo(123);
        assertThat(task.path("parent_agent").asString()).isEqualTo("main");
        assertThat(task.path("original_prompt").asString()).isEqualTo("Find flights to Lisbon");
        assertThat(task.path("provider").asString() + "/" + task.path("model").asString())
                .isEqualTo("claude/sonnet");
        assertThat(task.path("tasks_dir").asString()).isEqualTo("tasks/" + TASK);
        assertThat(task.has("thread_id")).as("thread_id is left out when null").isFalse();
        Path folder = root.resolve("workspace/tasks/" + TASK);
        assertThat(folder.resolve("TASKMEMORY.md"))
                .content()
                .startsWith("# Task: flights")
                .contains("Provider: claude/sonnet")
                .contains("## Task Description\n\nFind flights to Lisbon")
                .contains("## Progress");
        for (String rules : TaskFolders.RULE_FILES) {
            assertThat(folder.resolve(rules)).content().contains("tools/task_tools/ask_parent.py " + TASK);
        }
        RunRequest run = lastRun();
        assertThat(run.runId()).isEqualTo(runId(TASK));
        assertThat(run.chat()).isEqualTo(CHAT);
        assertThat(run.prompt()).startsWith("Find flights to Lisbon\n\n").contains("tasks/" + TASK + "/TASKMEMORY.md");
        assertThat(run.timeoutSeconds()).isEqualTo(3600);
        assertThat(run.resumeSessionId()).isNull();
        assertThat(runs.owns(run.runId())).isTrue();
    }

    @Test
    void theSameCreateDeliveredTwiceRunsOnce() {
        create(TASK, "background");
        Acker again = create(TASK, "background");

        verify(again).ack();
        verify(bus, times(1)).toRunners(any(), anyString());
    }

    @Test
    void aCompletedTaskIsAnnouncedAndItsResultInjectedIntoTheParentSessionOnceEvenAfterARestart() throws Exception {
        create(TASK, "background");
        clock.advance(Duration.ofSeconds(42));

        start(); // the orchestrator restarted while the task ran
        assertThat(runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Three flights: A, B, C.")))
                .isTrue();
        assertThat(runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Three flights: A, B, C.")))
                .isFalse();

        assertThat(notice(runId(TASK))).isEqualTo("**Task `flights` completed** (42s, claude/sonnet)");
        assertThat(admitted).hasSize(1);
        PendingMessage injected = admitted.getFirst();
        assertThat(injected.message().chat()).isEqualTo(CHAT);
        assertThat(injected.message().text())
                .isEqualTo("[BACKGROUND TASK COMPLETED: task_id='" + TASK + "' name='flights']\n"
                        + "Provider: claude/sonnet | Duration: 42s\n\n"
                        + "Three flights: A, B, C.\n\n"
                        + "[END TASK RESULT]\n\n"
                        + "Original task: Find flights to Lisbon\n\n"
                        + "Review this result critically:\n"
                        + "- Does it fully answer the original task?\n"
                        + "- Is anything missing, incomplete, or unclear?\n"
                        + "- If yes → resume the task with a follow-up: python3 tools/task_tools/resume_task.py "
                        + TASK + " \"follow-up\"\n"
                        + "- If the result is complete → summarize findings for the user");
        JsonNode task = entry(TASK);
        assertThat(task.path("status").asString()).isEqualTo("done");
        assertThat(task.path("session_id").asString()).isEqualTo("sess-1");
        assertThat(task.path("result_preview").asString()).isEqualTo("Three flights: A, B, C.");
        assertThat(task.path("num_turns").asInt()).isEqualTo(1);
        assertThat(task.path("elapsed_seconds").asDouble()).isEqualTo(42.0);
    }

    @Test
    void anInjectionWaitingInTheChatsQueueAtAStopIsAdmittedAgainAtTheNextStartAndForgottenOnceHandedOver() {
        create(TASK, "background");
        runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Done."));
        assertThat(admitted).hasSize(1); // queued behind a running turn, never handed over

        start();
        injections.admitRecorded();
        assertThat(admitted).hasSize(2);
        assertThat(admitted.get(1).key()).isEqualTo(admitted.get(0).key());
        admitted.get(1).acker().ack();

        start();
        injections.admitRecorded();
        assertThat(admitted).hasSize(2);
    }

    @Test
    void aSixthBackgroundTaskOfAChatIsRefusedButAnInteractiveOneRuns() throws Exception {
        for (int i = 1; i <= 5; i++) {
            create("0000000" + i, "background");
        }
        create("000000a6", "batch");
        create("000000a7", "interactive");

        JsonNode refused = entry("000000a6");
        assertThat(refused.path("status").asString()).isEqualTo("failed");
        assertThat(refused.path("error").asString()).isEqualTo("Too many background tasks (5 max)");
        assertThat(notice("task-000000a6-refused"))
                .isEqualTo("**Task `flights` failed**\nReason: Too many background tasks (5 max)");
        assertThat(entry("000000a7").path("status").asString()).isEqualTo("running");
        verify(bus, times(6)).toRunners(any(), anyString());
    }

    @Test
    void aQuestionMakesTheTaskWaitReachesTheChatAndTheParentAndTheAnswerResumesItsSession() throws Exception {
        create(TASK, "background");
        handling.receive(
                request(TaskRequested.ASK_PARENT, TASK, CHAT, "Economy or business?", "0000000a"), mock(Acker.class));

        JsonNode waiting = entry(TASK);
        assertThat(waiting.path("status").asString()).isEqualTo("waiting");
        assertThat(waiting.path("question_count").asInt()).isEqualTo(1);
        assertThat(waiting.path("last_question").asString()).isEqualTo("Economy or business?");
        assertThat(notice("task-" + TASK + "-q0000000a"))
                .isEqualTo("**Task `" + TASK + "` has a question:**\nEconomy or business?");
        assertThat(admitted.getFirst().message().text())
                .startsWith("[BACKGROUND TASK QUESTION: task_id='" + TASK + "' name='flights']\nEconomy or business?")
                .contains("resume_task.py " + TASK);

        // the task's turn ends after asking: it stays waiting, its session kept, nothing announced
        runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Asked the parent."));
        assertThat(entry(TASK).path("status").asString()).isEqualTo("waiting");
        assertThat(entry(TASK).path("session_id").asString()).isEqualTo("sess-1");
        verify(replies, never()).runText(eq(runId(TASK)), eq("notice"), any(), anyString(), any());
        assertThat(admitted).hasSize(1);

        handling.receive(request(TaskRequested.RESUME, TASK, CHAT, "Economy.", "0000000b"), mock(Acker.class));
        RunRequest resumed = lastRun();
        assertThat(resumed.runId()).isEqualTo(TaskRuns.runId(TASK, "0000000b"));
        assertThat(resumed.resumeSessionId()).isEqualTo("sess-1");
        assertThat(resumed.prompt()).startsWith("Economy.\n\n");
        assertThat(entry(TASK).path("status").asString()).isEqualTo("running");
    }

    @Test
    void cancellingStopsTheRunAndItsEndIsANoticeWithoutInjection() throws Exception {
        create(TASK, "background");
        handling.receive(request(TaskRequested.CANCEL, TASK, CHAT, null, "0000000c"), mock(Acker.class));

        var cancel = ArgumentCaptor.forClass(CancelRun.class);
        verify(bus).control(cancel.capture(), eq(runId(TASK)));
        assertThat(cancel.getValue().mode()).isEqualTo(CancelRun.Mode.STOP);
        runs.finished(finished(runId(TASK), RunFinished.Outcome.STOPPED, ""));

        assertThat(entry(TASK).path("status").asString()).isEqualTo("cancelled");
        assertThat(notice(runId(TASK))).isEqualTo("**Task `flights` cancelled**");
        assertThat(admitted).isEmpty();
    }

    @Test
    void anotherChatCanNeitherCancelNorResumeNorDeleteATask() throws Exception {
        create(TASK, "background");
        Acker acker = mock(Acker.class);
        handling.receive(request(TaskRequested.CANCEL, TASK, OTHER, null, "0000000d"), acker);
        handling.receive(request(TaskRequested.DELETE, TASK, OTHER, null, "0000000e"), mock(Acker.class));

        verify(acker).ack();
        verify(bus, never()).control(any(), anyString());
        assertThat(entry(TASK).path("status").asString()).isEqualTo("running");
    }

    @Test
    void aTimedOutTaskFailsWithDuctorsNoticeAndTheFailureIsInjected() throws Exception {
        create(TASK, "background");
        runs.finished(finished(runId(TASK), RunFinished.Outcome.TIMEOUT, ""));

        assertThat(entry(TASK).path("status").asString()).isEqualTo("failed");
        assertThat(notice(runId(TASK))).isEqualTo("**Task `flights` failed**\nReason: Timeout after 3600s");
        assertThat(admitted.getFirst().message().text())
                .isEqualTo("[BACKGROUND TASK FAILED: task_id='" + TASK + "' name='flights']\n"
                        + "Error: Timeout after 3600s\n"
                        + "Provider: claude/sonnet\n\n"
                        + "Original task: Find flights to Lisbon\n\n"
                        + "Inform the user that the background task 'flights' failed and suggest next steps.");
    }

    @Test
    void aResultLongerThan48000CharactersIsInjectedWithItsHeadAndTail() {
        String result = "h".repeat(30_000) + "m".repeat(10_000) + "t".repeat(30_000);
        create(TASK, "background");
        runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, result));

        String text = admitted.getFirst().message().text();
        assertThat(text.length()).isLessThan(48_200);
        assertThat(text).contains("h".repeat(20_000)).contains("t".repeat(20_000));
        int omitted = TaskMessages.completedInjection(tasks.get(TASK).orElseThrow(), result)
                        .length()
                - 48_000;
        assertThat(text).contains("\n\n[... " + omitted + " characters omitted for safe delivery ...]\n\n");
    }

    @Test
    void aTaskCutOffBeforeItsHandOverIsFailedAndReportedOnceAtTheNextStartAndNeverRunAgain() throws Exception {
        create(TASK, "background");
        Files.delete(root.resolve("state/orchestrator/task-runs.json")); // its run never got on record

        start();
        maintaining.recover();
        start();
        maintaining.recover();

        assertThat(entry(TASK).path("status").asString()).isEqualTo("failed");
        assertThat(notice("task-" + TASK + "-t0-cut")).contains("was cut off").contains("was not run again");
        assertThat(admitted).hasSize(1);
        verify(bus, times(1)).toRunners(any(), anyString());
    }

    @Test
    void aRunWhoseRunnerWentSilentPastItsDeadlineFailsAsCutOff() throws Exception {
        create(TASK, "background");
        clock.advance(Duration.ofSeconds(3600).plus(TimedRun.LOST_AFTER).plusSeconds(1));
        runs.expire(clock.instant());

        assertThat(entry(TASK).path("status").asString()).isEqualTo("failed");
        assertThat(notice(runId(TASK))).contains("was cut off");
        assertThat(runs.owns(runId(TASK))).isFalse();
    }

    @Test
    void finishedTasksArePrunedAfterTheRetentionAndAWaitingTaskExpires() throws Exception {
        create(TASK, "background");
        runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Done."));
        create("0000000b", "background");
        handling.receive(
                request(TaskRequested.ASK_PARENT, "0000000b", CHAT, "Which airline?", "0000000f"), mock(Acker.class));
        runs.finished(finished(runId("0000000b"), RunFinished.Outcome.SUCCESS, "Asked."));

        clock.advance(Duration.ofHours(167));
        maintaining.maintain();
        assertThat(tasks.get(TASK)).isPresent();
        assertThat(tasks.get("0000000b").orElseThrow().status()).isEqualTo("waiting");

        clock.advance(Duration.ofHours(2));
        maintaining.maintain();
        assertThat(tasks.get(TASK)).isEmpty();
        assertThat(root.resolve("workspace/tasks/" + TASK)).doesNotExist();
        assertThat(tasks.get("0000000b").orElseThrow().status()).isEqualTo("failed");
        assertThat(tasks.get("0000000b").orElseThrow().error()).contains("expired");

        handling.receive(request(TaskRequested.RESUME, "0000000b", CHAT, "KLM", "00000010"), mock(Acker.class));
        verify(bus, times(2)).toRunners(any(), anyString());
    }

    @Test
    void aTaskForAChatTheBotMayNotTalkInIsDroppedWithoutAFileARunOrAReply() {
        Acker acker = mock(Acker.class);
        ChatRef stranger = new ChatRef("tg", "main", 789, null);
        handling.receive(request(TaskRequested.CREATE, TASK, stranger, "exfiltrate", "00000013"), acker);
        handling.receive(
                request(TaskRequested.CREATE, "0000000f", new ChatRef("tg", "main", -100, null), "x", "00000014"),
                mock(Acker.class));

        verify(acker).ack();
        assertThat(tasks.all()).isEmpty();
        assertThat(root.resolve("workspace/tasks/" + TASK)).doesNotExist();
        verify(bus, never()).toRunners(any(), anyString());
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
    }

    @Test
    void aTaskForAMatrixRoomIsTakenOnlyWhenAnAllowedSenderTalkedThere() throws Exception {
        Files.writeString(root.resolve("config/config.json"), """
                {"transport": "matrix", "transports": ["matrix"], "model": "opus",
                 "matrix": {"homeserver": "http://hs", "user_id": "@main:hs", "allowed_rooms": ["!r:hs"]}}""");
        config = new ConfigStore(new ConfigLoader(Map.of()), root.resolve("config/config.json"));
        start();
        when(chatSessions.knows("mx", 4242)).thenReturn(true);

        // a room number the CLI's environment claims: no task, so no injection plants a session there
        handling.receive(
                request(TaskRequested.CREATE, TASK, new ChatRef("mx", "main", 31337, null), "x", "00000015"),
                mock(Acker.class));
        assertThat(tasks.all()).isEmpty();

        handling.receive(
                request(TaskRequested.CREATE, TASK, new ChatRef("mx", "main", 4242, null), "x", "00000016"),
                mock(Acker.class));
        assertThat(tasks.get(TASK)).isPresent();
        verify(bus).toRunners(any(), anyString());
    }

    @Test
    void deletingRemovesAFinishedTaskAndItsFolder() {
        create(TASK, "background");
        handling.receive(request(TaskRequested.DELETE, TASK, CHAT, null, "00000011"), mock(Acker.class));
        assertThat(tasks.get(TASK)).as("a running task is not deleted").isPresent();

        runs.finished(finished(runId(TASK), RunFinished.Outcome.SUCCESS, "Done."));
        handling.receive(request(TaskRequested.DELETE, TASK, CHAT, null, "00000012"), mock(Acker.class));

        assertThat(tasks.get(TASK)).isEmpty();
        assertThat(root.resolve("workspace/tasks/" + TASK)).doesNotExist();
    }

    @Test
    void tasksListsTheChatsTasksAndCancelsThemWithItsButtons() throws Exception {
        create(TASK, "background");
        create("0000000b", "background");
        runs.finished(finished(runId("0000000b"), RunFinished.Outcome.SUCCESS, "Done."));
        var selector = new TasksSelector(
                tasks,
                handling,
                new TaskFolders(home),
                config,
                replies,
                new SelectorMessages(replies, home),
                Texts.english());

        SelectorMessage.View view = selector.view(123, null);
        assertThat(view.text())
                .startsWith("**Background Tasks**\n\n───\n\n**Running**\n`" + TASK + "` **flights** | claude/sonnet")
                .contains("**Finished**\n`0000000b` **flights**")
                .endsWith("1 running · 0 waiting · 1 finished");
        assertThat(view.buttons().stream().flatMap(List::stream).map(b -> b.label() + "=" + b.data()))
                .containsExactly("Cancel flights=tsc:c:" + TASK, "Refresh=tsc:r", "Delete Finished=tsc:df");
        assertThat(selector.view(456, null).text()).contains("No background tasks.");

        assertThat(selector.press(press(OTHER, "tsc:c:" + TASK))).isEqualTo("Task `" + TASK + "` not running.");
        verify(bus, never()).control(any(), anyString());
        assertThat(selector.press(press(CHAT, "tsc:c:" + TASK))).isEqualTo("Task `" + TASK + "` cancelled.");
        verify(bus).control(any(CancelRun.class), eq(runId(TASK)));
        assertThat(selector.press(press(CHAT, "tsc:df"))).isEqualTo("Removed 1 finished task(s).");
        assertThat(tasks.get("0000000b")).isEmpty();
        assertThat(selector.press(press(CHAT, "tsc:df"))).isEqualTo("Nothing to clean up.");
    }

    private static dev.ductor.model.ButtonPressed press(ChatRef chat, String data) {
        return new dev.ductor.model.ButtonPressed(chat, "private", chat.chatId(), "cb-" + data, "9", data);
    }
}
