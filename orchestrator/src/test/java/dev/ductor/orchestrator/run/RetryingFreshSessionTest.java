package dev.ductor.orchestrator.run;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryingFreshSessionTest {

    private final SessionStore sessions = mock(SessionStore.class);
    private final StartingTurn startingTurn = mock(StartingTurn.class);
    private final RunRequests requests = mock(RunRequests.class);

    /** A fresh instance: what the orchestrator has after a restart (nothing in memory). */
    private RetryingFreshSession afterRestart() {
        return new RetryingFreshSession(sessions, new Conversations(), startingTurn, requests, Texts.english());
    }

    private static InflightTurn turn(String runId, boolean fresh) {
        return new InflightTurn(
                runId, chat(1), "5", "claude", "opus", "fix it", Instant.now(), InflightTurn.Phase.RUNNING, fresh);
    }

    private static RunFinished killed(String runId) {
        return new RunFinished(runId, RunFinished.Outcome.ERROR, "", null, 0, 0, 10, -9, "killed: SIGKILL");
    }

    private static RunFinished staleSession(String runId) {
        return new RunFinished(
                runId, RunFinished.Outcome.ERROR, "", null, 0, 0, 10, 1, "bad_resume: No conversation found");
    }

    @Test
    void aRetryIsKnownByItsRunIdAlone() {
        assertThat(RetryingFreshSession.retryOf("run-1")).isNull();
        assertThat(RetryingFreshSession.retryOf("run-1-fresh")).isEqualTo(RetryingFreshSession.Kind.STALE_SESSION);
        assertThat(RetryingFreshSession.retryOf("run-1-rerun")).isEqualTo(RetryingFreshSession.Kind.SIGKILL);
    }

    @Test
    void aRetryInFlightAcrossARestartThatFailsAgainIsFinalNotRetriedAgain() {
        // After the restart the retry run is the chat's running turn again (resumed from the journal), and
        // its original request is at hand: only the retry guard can refuse a third run.
        org.mockito.Mockito.when(requests.get(any())).thenReturn(java.util.Optional.of(request()));
        var conversations = new Conversations();
        var retrying = new RetryingFreshSession(sessions, conversations, startingTurn, requests, Texts.english());
        String first = admit(conversations, "5");
        String retry = first + "-rerun";
        assertThat(conversations.replace(chat(1), first, retry)).isTrue();

        assertThat(retrying.retry(turn(retry, false), killed(retry))).isFalse();
        assertThat(retrying.finalFailure(turn(retry, false), killed(retry)))
                .isEqualTo("Execution was interrupted. Please send the same request again.");
        verify(sessions).resetProvider(chat(1), "claude");

        verify(startingTurn, never()).restartFresh(any(), any(), any());
    }

    private static String admit(Conversations conversations, String messageId) {
        return conversations
                .admit(new dev.ductor.orchestrator.conversation.PendingMessage(
                        dev.ductor.orchestrator.TestMessages.privateMessage(1, messageId, "fix it"),
                        "tg:1:" + messageId,
                        dev.ductor.orchestrator.conversation.Acker.NONE))
                .runId();
    }

    @Test
    void anOrdinaryRunThatFailsSoIsRetriedOnce() {
        org.mockito.Mockito.when(requests.get(any())).thenReturn(java.util.Optional.of(request()));
        var conversations = new Conversations();
        var retrying = new RetryingFreshSession(sessions, conversations, startingTurn, requests, Texts.english());
        String runId = admit(conversations, "5");
        assertThat(retrying.retry(turn(runId, false), killed(runId))).isTrue();
        verify(startingTurn).restartFresh(any(), any(), org.mockito.ArgumentMatchers.eq(runId + "-rerun"));
    }

    private static dev.ductor.model.RunRequest request() {
        return dev.ductor.model.ContractFixtures.read(dev.ductor.model.RunRequest.class);
    }

    @Test
    void anOrdinaryRunsFailureIsNoFinalFailure() {
        assertThat(afterRestart().finalFailure(turn("run-3", false), killed("run-3")))
                .isNull();
    }
}
