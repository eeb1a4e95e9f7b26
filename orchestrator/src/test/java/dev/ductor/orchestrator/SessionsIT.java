package dev.ductor.orchestrator;

import static dev.ductor.orchestrator.OrchestratorHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.model.RunRequest;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Sessions and retries: main memory for a new session only, /reset of one provider's bucket, a session that cannot
 * be resumed retried fresh, a killed CLI retried once. See {@link OrchestratorHarness}.
 */
@ExtendWith(StartedOrchestrator.class)
class SessionsIT {

    // scenario 39 (the orchestrator's side: what the RunRequest carries)
    @Test
    void aNewSessionGetsMainMemoryAsSystemPromptAndTheNextMessageResumesWithoutIt() throws Exception {
        Path memory = home().resolve("workspace/memory_system/MAINMEMORY.md");
        java.nio.file.Files.createDirectories(memory.getParent());
        java.nio.file.Files.writeString(memory, "# Main memory\nThe user prefers short answers.\n");
        try {
            mainMemoryGoesToNewSessionsOnly(1008);
        } finally {
            java.nio.file.Files.delete(memory);
        }
    }

    private void mainMemoryGoesToNewSessionsOnly(long chat) {
        send(chat, USER, "1", "hello");
        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.appendSystemPrompt()).contains("The user prefers short answers.");
        assertThat(first.resumeSessionId()).isNull();
        answer(chat, first, "hi", "sess-39");

        send(chat, USER, "2", "again");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.appendSystemPrompt()).isNull();
        assertThat(second.resumeSessionId()).isEqualTo("sess-39");
    }

    // behaviour §2.6, §5.4
    @Test
    void resetDropsTheBucketOfTheProviderTheChatIsOnAndStaysOnIt() throws Exception {
        long chat = 2020;
        send(chat, USER, "1", "hi");
        RunRequest first = awaitRequests(chat, 1).get(0);
        answer(chat, first, "ok", "sess-claude");
        send(chat, USER, "2", "@flash hello");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.provider()).isEqualTo("gemini");
        answer(chat, second, "ok", "sess-gemini");

        send(chat, USER, "3", "/reset please");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("Session reset for Gemini in this chat only."));
        JsonNode session = sessionsJson().get("tg:2020");
        assertThat(session.get("provider").asString()).isEqualTo("gemini");
        assertThat(session.get("provider_sessions").has("gemini")).isFalse();
        assertThat(session.get("provider_sessions")
                        .get("claude")
                        .get("session_id")
                        .asString())
                .isEqualTo("sess-claude");

        send(chat, USER, "4", "again");
        RunRequest third = awaitRequests(chat, 3).get(2);
        assertThat(third.provider()).isEqualTo("gemini");
        assertThat(third.resumeSessionId()).isNull();
        answer(chat, third, "ok", "sess-gemini-2");
    }

    // scenario 43
    @Test
    void aSessionThatCannotBeResumedIsRetriedOnceInAFreshSession() {
        long chat = 1016;
        send(chat, USER, "1", "one");
        RunRequest first = awaitRequests(chat, 1).get(0);
        runEvent(first.runId(), success(first.runId(), "ok", "sess-old"));
        send(chat, USER, "2", "two");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.resumeSessionId()).isEqualTo("sess-old");

        runEvent(second.runId(), error(second.runId(), 1, "bad_resume: No conversation found with session ID"));

        RunRequest retry = awaitRequests(chat, 3).get(2);
        assertThat(retry.resumeSessionId()).isNull();
        assertThat(retry.prompt()).isEqualTo("two");
        runEvent(retry.runId(), success(retry.runId(), "fresh answer", "sess-new"));
        StreamClose close =
                awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(retry.runId()));
        assertThat(close.finalText())
                .isEqualTo("_Previous session could not be restored. A new session was started automatically._"
                        + "\n\nfresh answer");
    }

    // scenario 42
    @Test
    void aKilledCliIsRetriedOnceThenTheUserIsAskedToSendAgain() {
        long chat = 1017;
        send(chat, USER, "1", "heavy");
        RunRequest first = awaitRequests(chat, 1).get(0);
        runEvent(first.runId(), error(first.runId(), -9, "killed: SIGKILL"));
        RunRequest retry = awaitRequests(chat, 2).get(1);
        assertThat(retry.prompt()).isEqualTo("heavy");
        StreamStatus recovering =
                awaitOutbound(chat, StreamStatus.class, s -> s.streamId().equals(retry.runId()));
        assertThat(recovering.kind()).isEqualTo("system");
        assertThat(recovering.label()).isEqualTo("recovering");
        runEvent(retry.runId(), error(retry.runId(), -9, "killed: SIGKILL"));

        StreamClose close =
                awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(retry.runId()));
        assertThat(close.finalText()).isEqualTo("Execution was interrupted. Please send the same request again.");
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 2);
    }
}
