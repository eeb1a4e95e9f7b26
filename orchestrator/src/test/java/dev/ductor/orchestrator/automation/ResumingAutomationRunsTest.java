package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.conversation.Conversations;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a restart the recorded automation runs hold their dependency and their heartbeat chat again. */
class ResumingAutomationRunsTest {

    @TempDir
    Path home;

    private final ChatRef chat = new ChatRef("tg", "main", 7, null);

    private AutomationRun run(String runId, String kind, @Nullable String dependency) {
        return new AutomationRun(
                runId, kind, "daily", "Daily", List.of(chat), "claude", dependency, null, false, 60, Instant.now());
    }

    @Test
    void runsGoingAtTheLastStopHoldTheirDependencyAndKeepTheirHeartbeatChatBusy() {
        var before = new AutomationRuns(new DuctorHome(home));
        before.add(run("cron-daily-1", "cron", "db"));
        before.add(run("hb-1", "heartbeat", null));

        var dependencies = new DependencyQueue();
        var conversations = new Conversations();
        new ResumingAutomationRuns(new AutomationRuns(new DuctorHome(home)), dependencies, conversations).resume();

        assertThat(dependencies.held("db")).isTrue();
        assertThat(conversations.activeRun(chat)).contains("hb-1");
    }
}
