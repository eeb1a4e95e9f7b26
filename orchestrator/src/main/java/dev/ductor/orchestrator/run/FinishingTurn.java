package dev.ductor.orchestrator.run;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a turn: the final answer or ductor's text for what went wrong (behaviour §3.17), the session's CLI id
 * and counters, then the next waiting message of the chat. A finish for a turn no longer in flight
 * (a duplicate, or a run already reported lost) changes nothing.
 */
@Component
public class FinishingTurn {

    private static final Logger log = LoggerFactory.getLogger(FinishingTurn.class);

    private final TurnJournal journal;
    private final RunProgress progress;
    private final SessionStore sessions;
    private final Conversations conversations;
    private final StartingTurn startingTurn;
    private final RunRequests requests;
    private final Replies replies;
    private final QueueIndicators indicators;
    private final RetryingFreshSession retrying;
    private final OrchestratorMetrics metrics;
    private final ConfigStore config;
    private final RecentErrors errors;
    private final Texts texts;

    FinishingTurn(
            TurnJournal journal,
            RunProgress progress,
            SessionStore sessions,
            Conversations conversations,
            StartingTurn startingTurn,
            RunRequests requests,
            Replies replies,
            QueueIndicators indicators,
            RetryingFreshSession retrying,
            OrchestratorMetrics metrics,
            ConfigStore config,
            RecentErrors errors,
            Texts texts) {
        this.texts = texts;
        this.journal = journal;
        this.progress = progress;
        this.sessions = sessions;
        this.conversations = conversations;
        this.startingTurn = startingTurn;
        this.requests = requests;
        this.replies = replies;
        this.indicators = indicators;
        this.retrying = retrying;
        this.metrics = metrics;
        this.config = config;
        this.errors = errors;
    }

    /**
     * {@code /stop} of a turn no runner has started yet (all slots busy): it ends here, so it never runs
     * later unseen; a runner that takes its request after all is answered with a CancelRun when it reports
     * the start. Returns whether the turn was ended here.
     */
    public synchronized boolean stopBeforeStart(String runId) {
        var turn = journal.get(runId);
        if (turn.isEmpty() || turn.get().phase() == InflightTurn.Phase.RUNNING) {
            return false;
        }
        try {
            replies.streamClose(runId, turn.get().chat(), "");
        } catch (RuntimeException e) {
            log.warn("Could not close the stream of stopped turn {}: {}", runId, e.toString());
        }
        end(turn.get(), "stopped");
        return true;
    }

    /**
     * The watchdog's verdict, taken under the same lock as a run's finish and checked again: a RunFinished
     * handled meanwhile wins, and the turn is never ended twice.
     */
    synchronized boolean stillLost(InflightTurn candidate, java.util.function.Predicate<InflightTurn> silent) {
        var current = journal.get(candidate.runId());
        return current.isPresent() && silent.test(current.get());
    }

    synchronized void finished(RunFinished finished) {
        var inflight = journal.get(finished.runId());
        if (inflight.isEmpty()) {
            log.info(
                    "Run {} finished ({}) but its turn is no longer in flight; ignored",
                    finished.runId(),
                    finished.outcome());
            return;
        }
        InflightTurn turn = inflight.get();
        var chat = turn.chat();
        switch (finished.outcome()) {
            case SUCCESS -> {
                sessions.recordTurn(
                        chat,
                        turn.provider(),
                        finished.sessionId(),
                        finished.costUsd(),
                        finished.totalTokens(),
                        turn.acceptedAt());
                String text = finished.resultText().isBlank() ? texts.emptyResult() : finished.resultText();
                if (RetryingFreshSession.retryOf(turn.runId()) == RetryingFreshSession.Kind.STALE_SESSION) {
                    text = texts.t("session.recovered") + "\n\n" + text;
                }
                text += sessions.ageWarning(chat)
                        .map(age -> "\n\n---\n" + texts.t("session.age_warning", "age", age))
                        .orElse("");
                if (config.current().scene().technicalFooter()) {
                    text += texts.technicalFooter(
                            turn.model(), finished.totalTokens(), finished.costUsd(), finished.durationMs());
                }
                replies.streamAnswer(turn.runId(), chat, text);
            }
            case STOPPED, INTERRUPTED -> {
                sessions.preserveSessionId(chat, turn.provider(), finished.sessionId(), turn.acceptedAt());
                replies.streamClose(turn.runId(), chat, "");
            }
            case SHUTDOWN -> {
                // Nobody asked for this end (a runner's deploy or restart): told like a lost run, under the
                // same message id, so the chat hears of it once.
                sessions.preserveSessionId(chat, turn.provider(), finished.sessionId(), turn.acceptedAt());
                replies.streamClose(turn.runId(), chat, "");
                replies.runText(turn.runId(), "lost", chat, texts.interrupted(turn.promptPreview()), turn.replyTo());
            }
            case TIMEOUT -> {
                errors.record(chat.storageKey(), turn.provider(), "timeout", "after " + finished.durationMs() + " ms");
                sessions.preserveSessionId(chat, turn.provider(), finished.sessionId(), turn.acceptedAt());
                replies.streamClose(
                        turn.runId(), chat, texts.timeout(turn.model(), (int) (finished.durationMs() / 1000)));
            }
            case ERROR, CLI_NOT_FOUND -> {
                errors.record(
                        chat.storageKey(),
                        turn.provider(),
                        finished.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        finished.error() == null ? "exit code " + finished.exitCode() : finished.error());
                if (retrying.retry(turn, finished)) {
                    replies.streamClose(turn.runId(), chat, "");
                    forget(turn, "retried");
                    return;
                }
                String failedAgain = retrying.finalFailure(turn, finished);
                if (failedAgain != null) {
                    replies.streamClose(turn.runId(), chat, failedAgain);
                    break;
                }
                sessions.preserveSessionId(chat, turn.provider(), finished.sessionId(), turn.acceptedAt());
                String error = finished.error() == null ? finished.resultText() : finished.error();
                replies.streamClose(
                        turn.runId(),
                        chat,
                        texts.runnerNotice(error).orElseGet(() -> texts.sessionError(turn.model(), error)));
            }
        }
        end(turn, finished.outcome().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void forget(InflightTurn turn, String outcome) {
        journal.finish(turn.runId());
        progress.forget(turn.runId());
        requests.forget(turn.runId());
        metrics.turnFinished(turn.provider(), outcome, Duration.between(turn.acceptedAt(), Instant.now()));
    }

    /** The run is over, for whatever reason: forget it and start the chat's next waiting message. */
    void end(InflightTurn turn, String outcome) {
        forget(turn, outcome);
        var next = conversations.complete(turn.chat(), turn.runId());
        // A message that cannot start goes back to the broker, and the one behind it gets its turn: the
        // chat never stays busy with a run id that was reserved but never started.
        while (next.isPresent()) {
            var pending = next.get();
            indicators.remove(pending.pending());
            metrics.queueWait(
                    turn.chat().transport(),
                    Duration.between(pending.pending().message().sentAt(), Instant.now()));
            try {
                if (startingTurn.start(pending.pending(), pending.runId())) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error(
                        "Could not start the next turn of {}; its message goes back to the broker",
                        turn.chat().storageKey(),
                        e);
                pending.pending().acker().requeue();
            }
            next = conversations.complete(turn.chat(), pending.runId());
        }
    }
}
