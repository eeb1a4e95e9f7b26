package dev.ductor.orchestrator.run;

import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ductor's session recovery (behaviour §4.6, §3.17): a turn whose CLI session could not be resumed, or whose
 * CLI was SIGKILLed, runs once more in a fresh session; a second failure is final. Everything else keeps
 * the session for the user's next message.
 */
@Component
public class RetryingFreshSession {

    /** Why a run is a retry; the retry's run id ends with the suffix, so this survives a restart. */
    enum Kind {
        STALE_SESSION("-fresh"),
        SIGKILL("-rerun");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    private static final java.util.List<String> STALE_MARKERS = java.util.List.of(
            "invalid session",
            "session not found",
            "no conversation found",
            "no rollout found",
            "thread/resume failed");

    private final SessionStore sessions;
    private final Conversations conversations;
    private final StartingTurn startingTurn;
    private final RunRequests requests;
    private final Texts texts;

    RetryingFreshSession(
            SessionStore sessions,
            Conversations conversations,
            StartingTurn startingTurn,
            RunRequests requests,
            Texts texts) {
        this.requests = requests;
        this.texts = texts;
        this.sessions = sessions;
        this.conversations = conversations;
        this.startingTurn = startingTurn;
    }

    /** Whether a run that resumed a CLI session failed because that session is gone (behaviour §4.6). */
    public static boolean staleSession(RunFinished finished) {
        return kindOf(finished, true) == Kind.STALE_SESSION;
    }

    static @Nullable Kind kindOf(RunFinished finished, boolean resumed) {
        if (finished.outcome() != RunFinished.Outcome.ERROR) {
            return null;
        }
        String error = finished.error() == null ? "" : finished.error().toLowerCase(Locale.ROOT);
        if (error.startsWith("killed:") || finished.exitCode() == -9 || finished.exitCode() == 137) {
            return Kind.SIGKILL;
        }
        if (resumed
                && (error.startsWith("bad_resume:") || STALE_MARKERS.stream().anyMatch(error::contains))) {
            return Kind.STALE_SESSION;
        }
        return null;
    }

    /**
     * Why this run was a retry, if it was one: read from its run id, which the journal keeps, so a retry
     * still in flight across an orchestrator restart ends as a retry (never a third run, ductor's texts).
     */
    static @Nullable Kind retryOf(String runId) {
        for (Kind kind : Kind.values()) {
            if (runId.endsWith(kind.suffix)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Starts the one retry if the failure calls for it and this run was not already the retry; true if
     * it did (the failed run is then over without a word to the user).
     */
    boolean retry(InflightTurn turn, RunFinished finished) {
        Kind kind = kindOf(finished, !turn.freshSession());
        if (kind == null || retryOf(turn.runId()) != null) {
            return false;
        }
        var original = requests.get(turn.runId());
        if (original.isEmpty()) {
            return false; // the request was lost with a restart: report the failure instead
        }
        String retryRun = turn.runId() + kind.suffix;
        sessions.resetProvider(turn.chat(), turn.provider());
        if (!conversations.replace(turn.chat(), turn.runId(), retryRun)) {
            return false;
        }
        startingTurn.restartFresh(turn, original.get(), retryRun);
        return true;
    }

    /**
     * The text for a retry that failed again the same way (its bucket is reset), or null when this
     * failure is an ordinary session error.
     */
    @Nullable
    String finalFailure(InflightTurn turn, RunFinished finished) {
        if (retryOf(turn.runId()) == null) {
            return null;
        }
        Kind kind = kindOf(finished, true);
        if (kind == null) {
            return null;
        }
        sessions.resetProvider(turn.chat(), turn.provider());
        return kind == Kind.SIGKILL ? texts.t("session.sigkill") : texts.t("session.recovery_failed");
    }
}
