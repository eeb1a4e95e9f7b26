package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.SendText;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import dev.ductor.state.StateNotWritten;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of a task run frees its dependency and keeps its real status whatever fails on the way. */
class FinishingAutomationRunTest {

    @TempDir
    Path home;

    private final Replies replies = mock(Replies.class);
    private final DependencyQueue dependencies = new DependencyQueue();
    private final ChatRef chat = new ChatRef("tg", "main", 7, null);
    private AutomationRuns runs;
    private FinishingAutomationRun finishing;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(home.resolve("cron_jobs.json"), "{\"jobs\":[{\"id\":\"daily\",\"task_folder\":\"daily\"}]}");
        runs = new AutomationRuns(new DuctorHome(home));
        finishing = new FinishingAutomationRun(
                runs,
                new TaskFiles(home),
                replies,
                dependencies,
                mock(SessionStore.class),
                mock(Conversations.class),
                mock(StartingTurn.class),
                mock(QueueIndicators.class),
                new AutomationMetrics(new SimpleMeterRegistry()),
                config());
    }

    /** Two allowed users; the first is the owner a refused result falls back to. */
    private ConfigStore config() throws Exception {
        Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[7, 8]}");
        return new ConfigStore(new ConfigLoader(Map.of()), file);
    }

    private AutomationRun run(String runId, Instant startedAt) {
        return run(runId, startedAt, chat);
    }

    private AutomationRun run(String runId, Instant startedAt, ChatRef target) {
        return new AutomationRun(
                runId, "cron", "daily", "Daily", List.of(target), "claude", "db", null, false, 60, startedAt);
    }

    private static RunFinished success(String runId) {
        return new RunFinished(runId, RunFinished.Outcome.SUCCESS, "done", null, 0, 0, 10, 0, null);
    }

    @Test
    void aResultThatCannotBeDeliveredEndsTheRunWithItsRealStatusAndFreesTheDependency() throws Exception {
        doThrow(new IllegalStateException("broker down"))
                .when(replies)
                .runResult(anyString(), anyString(), any(), anyString(), any());
        Instant startedAt = Instant.now();
        runs.add(run("cron-daily-1", startedAt));
        dependencies.hold("db");

        assertThat(finishing.finished(success("cron-daily-1"))).isTrue();
        finishing.expire(startedAt.plusSeconds(3600));

        assertThat(runs.owns("cron-daily-1")).isFalse();
        assertThat(dependencies.held("db")).isFalse();
        assertThat(Files.readString(home.resolve("cron_jobs.json"))).contains("\"last_run_status\" : \"success\"");
    }

    @Test
    void aRunWhoseEndCannotBeWrittenStillFreesItsDependency() throws Exception {
        runs.add(run("cron-daily-1", Instant.now()));
        dependencies.hold("db");
        Path dir = home.resolve("state/orchestrator");
        Path moved = home.resolve("moved");
        Files.move(dir, moved);
        Files.writeString(dir, "a file where the directory was: nothing can be written");

        assertThatThrownBy(() -> runs.add(run("cron-daily-2", Instant.now()))).isInstanceOf(StateNotWritten.class);
        assertThat(runs.owns("cron-daily-2")).isFalse();
        finishing.finished(success("cron-daily-1"));

        assertThat(runs.owns("cron-daily-1")).isFalse();
        assertThat(dependencies.held("db")).isFalse();
    }

    @Test
    void scenario65_aResultForAGroupCarriesTheFallbackToTheFirstAllowedUser() {
        ChatRef topic = new ChatRef("tg", "main", -100, 5L);
        runs.add(run("cron-daily-2", Instant.now(), topic));
        runs.add(run("cron-daily-3", Instant.now(), chat));

        finishing.finished(success("cron-daily-2"));
        finishing.finished(success("cron-daily-3"));

        verify(replies)
                .runResult(
                        "cron-daily-2",
                        "result:tg:-100:5",
                        topic,
                        "**TASK: Daily**\n\ndone",
                        new SendText.Fallback(
                                chat,
                                "**Cron delivery failed**\n\nTask **Daily** could not be delivered to Chat -100 / Topic 5."
                                        + "\n\n---\n**TASK: Daily**\n\ndone"));
        // the owner's own chat has nowhere else to go
        verify(replies).runResult("cron-daily-3", "result:tg:7", chat, "**TASK: Daily**\n\ndone", null);
    }
}
