package dev.ductor.orchestrator.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelRun;
import dev.ductor.model.RunFinished;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedRunsTest {

    record Run(String runId, int timeoutSeconds, Instant startedAt) implements TimedRun {}

    @TempDir
    Path dir;

    final Instant start = Instant.parse("2026-12-06T10:00:00Z");
    final List<String> ended = new ArrayList<>();

    private TimedRuns<Run> runs() {
        return new TimedRuns<>(dir.resolve("runs.json"), Run.class);
    }

    private static RunFinished finished(String runId) {
        return new RunFinished(runId, RunFinished.Outcome.SUCCESS, "done", null, 0, 0, 0, 0, null);
    }

    @Test
    void aRunIsLostOnlyPastItsTimeoutPlusTheGrace() {
        Run run = new Run("r1", 60, start);
        Instant deadline = start.plusSeconds(60).plus(TimedRun.LOST_AFTER);

        assertThat(run.lostBy(deadline)).isFalse();
        assertThat(run.lostBy(deadline.plusMillis(1))).isTrue();
    }

    @Test
    void aFinishEndsItsRecordedRunAndIsNotOursOtherwise() {
        TimedRuns<Run> runs = runs();
        runs.add(new Run("r1", 60, start));

        assertThat(runs.finished(finished("r1"), (run, f) -> ended.add(run.runId() + ":" + f.resultText())))
                .isTrue();
        assertThat(runs.finished(finished("other"), (run, f) -> ended.add(run.runId())))
                .isFalse();
        assertThat(ended).containsExactly("r1:done");
    }

    @Test
    void expiryEndsOnlyTheLostRunsAndOnlyWhileTheyAreRecorded() {
        TimedRuns<Run> runs = runs();
        runs.add(new Run("short", 60, start));
        runs.add(new Run("long", 3600, start));
        Instant now = start.plusSeconds(61).plus(TimedRun.LOST_AFTER);

        runs.expire(now, run -> {
            ended.add(run.runId());
            runs.remove(run.runId());
        });
        runs.expire(now, run -> ended.add(run.runId()));

        assertThat(ended).containsExactly("short");
        assertThat(runs.all()).extracting(Run::runId).containsExactly("long");
    }

    @Test
    void stopAsksTheRunnersToStopTheSelectedRunsAndKeepsThemUntilTheirEnd() {
        TimedRuns<Run> runs = runs();
        runs.add(new Run("a1", 60, start));
        runs.add(new Run("b1", 60, start));
        runs.add(new Run("a2", 60, start));
        Bus bus = mock(Bus.class);

        List<Run> stopped = runs.stop(run -> run.runId().startsWith("a"), bus);

        assertThat(stopped).extracting(Run::runId).containsExactly("a1", "a2");
        verify(bus).control(new CancelRun("a1", CancelRun.Mode.STOP), "a1");
        verify(bus).control(new CancelRun("a2", CancelRun.Mode.STOP), "a2");
        verifyNoMoreInteractions(bus);
        assertThat(runs.all()).hasSize(3);
    }

    @Test
    void theRunsOutliveARestart() {
        runs().add(new Run("r1", 60, start));

        assertThat(runs().get("r1")).contains(new Run("r1", 60, start));
    }
}
