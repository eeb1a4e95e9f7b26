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
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryingFreshSessionTest {

    private final SessionStore sessions = mock(SessionStore.class);
    private final StartingTurn startingTurn = mock(StartingTurn.class);

    /** A fresh instance: what the orchestrator has after a restart (nothing in memory). */
    private RetryingFreshSession afterRestart() {
        return new RetryingFreshSession(sessions, new Conversations(), startingTurn, Texts.english());
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
        var retrying = afterRestart();

        assertThat(retrying.retry(turn("run-1-rerun", true), killed("run-1-rerun")))
                .isFalse();
        assertThat(retrying.finalFailure(turn("run-1-rerun", true), killed("run-1-rerun")))
                .isEqualTo("Execution was interrupted. Please send the same request again.");
        verify(sessions).resetProvider(chat(1), "claude");

        assertThat(retrying.retry(turn("run-2-fresh", true), staleSession("run-2-fresh")))
                .isFalse();
        assertThat(retrying.finalFailure(turn("run-2-fresh", true), killed("run-2-fresh")))
                .isEqualTo("Execution was interrupted. Please send the same request again.");
        verify(startingTurn, never()).restartFresh(any(), any(), any());
    }

    @Test
    void anOrdinaryRunsFailureIsNoFinalFailure() {
        assertThat(afterRestart().finalFailure(turn("run-3", false), killed("run-3")))
                .isNull();
    }
}
