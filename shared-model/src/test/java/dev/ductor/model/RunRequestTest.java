package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed turn run once more in a new CLI session keeps everything but its run id and the session it resumed. */
class RunRequestTest {

    private final RunRequest resumed = new RunRequest(
            "r1",
            new ChatRef("tg", "helper", 7, 3L),
            "claude",
            "opus",
            "high",
            "plan",
            "hello",
            "be brief",
            "session-1",
            600,
            List.of("--verbose"),
            12,
            1.5,
            "cron_tasks/daily");

    @Test
    void aFreshRequestResumesNothingUnderItsNewRunId() {
        assertThat(resumed.fresh("r1-fresh"))
                .isEqualTo(new RunRequest(
                        "r1-fresh",
                        new ChatRef("tg", "helper", 7, 3L),
                        "claude",
                        "opus",
                        "high",
                        "plan",
                        "hello",
                        "be brief",
                        null,
                        600,
                        List.of("--verbose"),
                        12,
                        1.5,
                        "cron_tasks/daily"));
    }

    @Test
    void aFreshRequestMayStartItsSessionWithAnotherSystemPrompt() {
        RunRequest fresh = resumed.fresh("r2", null);

        assertThat(fresh.runId()).isEqualTo("r2");
        assertThat(fresh.resumeSessionId()).isNull();
        assertThat(fresh.appendSystemPrompt()).isNull();
        assertThat(fresh)
                .usingRecursiveComparison()
                .ignoringFields("runId", "resumeSessionId", "appendSystemPrompt")
                .isEqualTo(resumed);
        assertThat(resumed.fresh("r3", "memory").appendSystemPrompt()).isEqualTo("memory");
    }
}
