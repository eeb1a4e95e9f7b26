package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.CronFired;
import dev.ductor.orchestrator.TestMessages.RecordingAcker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiringCronJobTest {

    private static final Pattern RUNNER_RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Instant AT = Instant.parse("2026-03-28T08:00:00Z");

    @TempDir
    Path home;

    @Test
    void everyJobIdMakesARunIdTheRunnersAcceptAndDistinctIdsStayDistinct() {
        assertThat(FiringCronJob.runId("daily_report-2", AT)).isEqualTo("cron-daily_report-2-" + AT.getEpochSecond());
        String dotted = FiringCronJob.runId("daily.report", AT);
        String spaced = FiringCronJob.runId("daily report", AT);
        String unicode = FiringCronJob.runId("tägliche Übersicht", AT);
        String longId = FiringCronJob.runId("x".repeat(300), AT);
        for (String runId : List.of(dotted, spaced, unicode, longId)) {
            assertThat(runId).matches(RUNNER_RUN_ID);
        }
        assertThat(dotted).startsWith("cron-daily_report-").isNotEqualTo(spaced);
        assertThat(FiringCronJob.runId("x".repeat(301), AT)).isNotEqualTo(longId);
    }

    @Test
    void aTaskFolderThatIsASymlinkOutOfCronTasksIsMissing() throws Exception {
        Path tasks = Files.createDirectories(home.resolve("workspace/cron_tasks"));
        Files.createDirectories(tasks.resolve("report"));
        Files.createSymbolicLink(tasks.resolve("linked"), Files.createDirectories(home.resolve("outside")));
        var files = new TaskFiles(home);

        assertThat(files.folder("report")).isPresent();
        assertThat(files.folder("linked")).isEmpty();
    }

    @Test
    void anUnparsableFileAtFireTimeUsesTheLastGoodVersion() throws Exception {
        Path file = home.resolve("cron_jobs.json");
        Files.writeString(file, "{\"jobs\":[{\"id\":\"daily\",\"task_folder\":\"report\"}]}");
        var files = new TaskFiles(home);
        assertThat(files.cronJob("daily")).isPresent();

        Files.writeString(file, "{\"jobs\":[{\"id\":\"daily\",");

        assertThat(files.cronJob("daily")).map(CronTask::taskFolder).contains("report");
    }

    @Test
    void anUnparsableFileNeverReadSinceTheStartDropsTheFireInsteadOfRequeueingIt() throws Exception {
        Files.writeString(home.resolve("cron_jobs.json"), "{\"jobs\":[");
        RunningTask running = mock(RunningTask.class);
        var acker = new RecordingAcker();

        new FiringCronJob(new TaskFiles(home), running, mock(ConfigStore.class), new Topology(""))
                .fire(new CronFired("daily", AT), acker);

        assertThat(acker.settled).containsExactly("ack");
        verifyNoInteractions(running);
    }
}
