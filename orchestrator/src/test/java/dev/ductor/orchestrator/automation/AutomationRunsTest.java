package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutomationRunsTest {

    @TempDir
    Path home;

    @Test
    void runsInFlightSurviveARestart() {
        var run = new AutomationRun(
                "cron-daily-1",
                "cron",
                "daily",
                "Daily",
                List.of(new ChatRef("tg", "main", -100, 7L)),
                "claude",
                "db",
                null,
                false,
                600,
                Instant.parse("2026-06-01T07:00:00Z"));
        new AutomationRuns(new DuctorHome(home)).add(run);

        var restarted = new AutomationRuns(new DuctorHome(home));
        assertThat(restarted.get("cron-daily-1")).contains(run);
        assertThat(restarted.remove("cron-daily-1")).contains(run);
        assertThat(new AutomationRuns(new DuctorHome(home)).owns("cron-daily-1"))
                .isFalse();
    }
}
