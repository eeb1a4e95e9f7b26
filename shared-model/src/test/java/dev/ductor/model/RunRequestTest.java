package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A failed turn run once more in a new CLI session keeps everything but its run id and the session it resumed. */
class RunRequestTest {

    private final RunRequest resumed = request("r1", "be brief", "session-1");

    private static RunRequest request(String runId, @Nullable String appendSystemPrompt, @Nullable String resume) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "helper", 7, 3L),
                "claude",
                "opus",
                "high",
                "plan",
                "hello",
                appendSystemPrompt,
                resume,
                600,
                List.of("--verbose"),
                12,
                1.5,
                "cron_tasks/daily");
    }

    @Test
    void aFreshRequestResumesNothingUnderItsNewRunId() {
        assertThat(resumed.fresh("r1-fresh")).isEqualTo(request("r1-fresh", "be brief", null));
    }

    @Test
    void aFreshRequestMayStartItsSessionWithAnotherSystemPrompt() {
        assertThat(resumed.fresh("r2", null)).isEqualTo(request("r2", null, null));
        assertThat(resumed.fresh("r3", "memory")).isEqualTo(request("r3", "memory", null));
    }
}
