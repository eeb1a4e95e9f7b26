package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.orchestrator.TestMessages;
import dev.ductor.orchestrator.TestMessages.RecordingAcker;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fire waiting in the dependency queue runs once, however often it is delivered (behaviour §6.5). */
class RunningTaskTest {

    @TempDir
    Path home;

    private final DependencyQueue dependencies = new DependencyQueue();
    private final StartingTaskRun starting = mock(StartingTaskRun.class);
    private final ChatRef chat = new ChatRef("tg", "main", 7, null);
    private TurnJournal journal;
    private RunningTask running;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve("workspace/cron_tasks/report"));
        var properties =
                new OrchestratorProperties(Duration.ofSeconds(30), Duration.ofSeconds(2), 5000, Duration.ofHours(24));
        journal = TestMessages.construct(TurnJournal.class, new DuctorHome(home), properties);
        running = new RunningTask(
                journal, dependencies, new TaskFiles(home), starting, new AutomationRuns(new DuctorHome(home)));
    }

    @Test
    void theFireIsMarkedHandledOnlyWhenItsRunIsOnRecord() {
        // the start records the run, then calls back; a fire whose start never got that far is not "seen"
        doAnswer(call -> {
                    assertThat(journal.seen("cron:a:1")).isFalse();
                    ((Runnable) call.getArgument(5)).run();
                    return null;
                })
                .when(starting)
                .start(eq("cron-a-1"), anyString(), any(), any(), anyList(), any());
        fire("cron:a:1", "cron-a-1", new RecordingAcker());

        assertThat(journal.seen("cron:a:1")).isTrue();
    }

    @Test
    void aRedeliveredFireWaitingForItsDependencyRunsOnceAndTheEarlierDeliveryIsAcked() {
        var first = new RecordingAcker();
        var waiting = new RecordingAcker();
        var again = new RecordingAcker();
        fire("cron:a:1", "cron-a-1", first);
        fire("cron:b:1", "cron-b-1", waiting);
        fire("cron:b:1", "cron-b-1", again);

        assertThat(waiting.settled).containsExactly("ack");
        assertThat(again.settled).isEmpty();
        dependencies.release("db");
        dependencies.release("db");

        verify(starting, times(1)).start(eq("cron-b-1"), anyString(), any(), any(), anyList(), any());
        assertThat(again.settled).containsExactly("ack");
        assertThat(dependencies.held("db")).isFalse();
    }

    @Test
    void aWaitingFireHandledMeanwhileIsNotStartedWhenItsTurnComes() {
        fire("cron:a:1", "cron-a-1", new RecordingAcker());
        var waiting = new RecordingAcker();
        fire("cron:b:1", "cron-b-1", waiting);
        journal.markSeen("cron:b:1");

        dependencies.release("db");

        verify(starting, times(0)).start(eq("cron-b-1"), anyString(), any(), any(), anyList(), any());
        assertThat(waiting.settled).containsExactly("ack");
    }

    @Test
    void aFailedHandOverForgetsTheKeySoTheRequeuedDeliveryRuns() {
        doThrow(new IllegalStateException("broker down"))
                .when(starting)
                .start(eq("cron-a-1"), anyString(), any(), any(), anyList(), any());
        var refused = new RecordingAcker();
        fire("cron:a:1", "cron-a-1", refused);

        assertThat(refused.settled).containsExactly("requeue");
        assertThat(journal.seen("cron:a:1")).isFalse();
        assertThat(dependencies.held("db")).isFalse();
    }

    @Test
    void aRunGetsTheMemoryFileItIsToldToReadAndAnExistingOneIsKept() throws Exception {
        Path memory = home.resolve("workspace/cron_tasks/report/report_MEMORY.md");
        fire("cron:a:1", "cron-a-1", new RecordingAcker());

        assertThat(memory).hasContent("# report Memory");
        verify(starting).start(eq("cron-a-1"), anyString(), any(), any(), anyList(), any());

        Files.writeString(memory, "# report Memory\n\n2026-12-06 08:00: sent the report\n");
        dependencies.release("db");
        fire("cron:a:2", "cron-a-2", new RecordingAcker());

        assertThat(memory).content().contains("sent the report");
        assertThat(StartingTaskRun.instruction(new CronTask(
                        "a", "T", "report", "do", null, null, null, List.of(), null, "tg", 7, null, false)))
                .contains("Read the report_MEMORY.md file");
    }

    private void fire(String key, String runId, Acker acker) {
        var task = new CronTask(runId, "T", "report", "do", null, null, null, List.of(), "db", "tg", 7, null, false);
        running.run(key, runId, "cron", task, chat, List.of(chat), acker, status -> {});
    }
}
