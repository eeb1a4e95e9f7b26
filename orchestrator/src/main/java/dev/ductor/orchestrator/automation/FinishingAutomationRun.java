package dev.ductor.orchestrator.automation;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.SendText;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.background.TimedRun;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end of an automation run. A task (cron job, webhook task): ductor's status ({@code success},
 * {@code error:exit_<n>}, {@code error:timeout}, {@code error:cli_not_found_<provider>}) written back,
 * the result delivered as {@code **TASK: title**} or {@code **WEBHOOK (CRON TASK): title**} unless silent,
 * the next run of its dependency started. A heartbeat: the answer without the ack token delivered and the
 * session counted only when something is left; then the chat's waiting messages go on.
 */
@Component
class FinishingAutomationRun {

    private static final Logger log = LoggerFactory.getLogger(FinishingAutomationRun.class);

    private final AutomationRuns runs;
    private final TaskFiles files;
    private final Replies replies;
    private final DependencyQueue dependencies;
    private final SessionStore sessions;
    private final Conversations conversations;
    private final StartingTurn startingTurn;
    private final QueueIndicators indicators;
    private final AutomationMetrics metrics;
    private final ConfigStore config;

    FinishingAutomationRun(
            AutomationRuns runs,
            TaskFiles files,
            Replies replies,
            DependencyQueue dependencies,
            SessionStore sessions,
            Conversations conversations,
            StartingTurn startingTurn,
            QueueIndicators indicators,
            AutomationMetrics metrics,
            ConfigStore config) {
        this.config = config;
        this.runs = runs;
        this.files = files;
        this.replies = replies;
        this.dependencies = dependencies;
        this.sessions = sessions;
        this.conversations = conversations;
        this.startingTurn = startingTurn;
        this.indicators = indicators;
        this.metrics = metrics;
    }

    /** False when the run is not an automation run (a chat turn's finish). */
    boolean finished(RunFinished finished) {
        return runs.finished(finished, (run, f) -> end(run, status(f, run.provider()), f));
    }

    /**
     * Ends the runs whose runner went silent: older than their timeout plus {@link TimedRun#LOST_AFTER}
     * (beyond any deadline extension a runner grants), with the status {@code error:lost}, so a dependency or
     * a chat they hold is free again and the failure is reported.
     */
    void expire(Instant now) {
        runs.expire(now, run -> {
            log.warn("{} run {} of '{}' never finished; reported as lost", run.kind(), run.runId(), run.sourceId());
            end(run, "error:lost", null);
        });
    }

    /**
     * Ends a run once: its result written back and delivered where that works (a failure there is logged,
     * the run still ends with its real status rather than being reported lost later), then the run
     * forgotten and its dependency released whatever happened before.
     */
    private void end(AutomationRun run, String status, @Nullable RunFinished finished) {
        log.info("{} run {} of '{}' finished: {}", run.kind(), run.runId(), run.sourceId(), status);
        try {
            report(run, status, finished);
        } catch (RuntimeException e) {
            log.error(
                    "{} run {} of '{}': its result could not be recorded or delivered",
                    run.kind(),
                    run.runId(),
                    run.sourceId(),
                    e);
        } finally {
            try {
                runs.remove(run.runId());
            } finally {
                dependencies.release(run.dependency());
            }
        }
    }

    private void report(AutomationRun run, String status, @Nullable RunFinished finished) {
        if (!run.kind().equals("heartbeat")) {
            metrics.taskRun(run.kind(), run.sourceId(), status);
        }
        switch (run.kind()) {
            case "heartbeat" -> heartbeat(run, finished);
            case "webhook" -> {
                files.recordHook(run.sourceId(), status.equals("success") ? null : status);
                deliver(run, "**WEBHOOK (CRON TASK): " + run.title() + "**", finished, status, "Webhook cron_task");
            }
            default -> {
                files.recordRun(run.sourceId(), Instant.now(), status);
                deliver(run, "**TASK: " + run.title() + "**", finished, status, "Cron job");
            }
        }
    }

    static String status(RunFinished finished, String provider) {
        return switch (finished.outcome()) {
            case SUCCESS -> "success";
            case TIMEOUT -> "error:timeout";
            case CLI_NOT_FOUND -> "error:cli_not_found_" + provider;
            case STOPPED, INTERRUPTED -> "error:stopped";
            case SHUTDOWN -> "error:interrupted";
            case ERROR -> "error:exit_" + finished.exitCode();
        };
    }

    private void deliver(
            AutomationRun run, String header, @Nullable RunFinished finished, String status, String label) {
        String raw = finished == null
                ? ""
                : finished.outcome() == RunFinished.Outcome.TIMEOUT
                        ? "[" + label + " timed out after " + run.timeoutSeconds() + "s]"
                        : finished.resultText();
        var text = ResultText.task(header, raw, status, run.silentOnSuccess());
        if (text.isEmpty()) {
            log.info("{} run {}: nothing to deliver ({})", run.kind(), run.runId(), status);
            return;
        }
        for (ChatRef chat : run.targets()) {
            replies.runResult(
                    run.runId(),
                    "result:" + chat.storageKey(),
                    chat,
                    text.get(),
                    fallback(
                            chat,
                            "**Cron delivery failed**\n\nTask **" + run.title() + "** could not be delivered to "
                                    + place(chat) + ".\n\n---\n" + text.get()));
        }
    }

    /**
     * Where a result goes when its chat refuses it for good (the bot removed from the group, behaviour §6.1,
     * S65): the first allowed user's private chat — none when that is the chat itself, or off Telegram.
     */
    private SendText.@Nullable Fallback fallback(ChatRef chat, String text) {
        List<ChatRef> owners = Broadcast.allowedUsers(config.current(), chat.agent());
        if (owners.isEmpty()
                || Transport.of(chat.transport()) != Transport.TELEGRAM
                || owners.getFirst().equals(chat)) {
            return null;
        }
        return new SendText.Fallback(owners.getFirst(), text);
    }

    private static String place(ChatRef chat) {
        return "Chat " + chat.chatId() + (chat.topicId() == null ? "" : " / Topic " + chat.topicId());
    }

    private void heartbeat(AutomationRun run, @Nullable RunFinished finished) {
        ChatRef chat = run.targets().getFirst();
        try {
            if (finished != null && finished.outcome() == RunFinished.Outcome.SUCCESS) {
                String alert =
                        ResultText.heartbeat(finished.resultText(), run.ackToken() == null ? "" : run.ackToken());
                if (!alert.isEmpty()) {
                    sessions.recordTurn(
                            chat,
                            run.provider(),
                            finished.sessionId(),
                            finished.costUsd(),
                            finished.totalTokens(),
                            run.startedAt());
                    replies.runResult(
                            run.runId(),
                            "alert",
                            chat,
                            alert,
                            fallback(
                                    chat,
                                    "**Heartbeat delivery failed**\n\nCould not deliver to " + place(chat)
                                            + ".\n\n---\n" + alert));
                    metrics.heartbeatAlert();
                }
            }
        } finally {
            release(chat, run.runId());
        }
    }

    /** The chat is free again: its waiting messages start, one that cannot goes back to the broker. */
    private void release(ChatRef chat, String runId) {
        var next = conversations.complete(chat, runId);
        while (next.isPresent()) {
            var pending = next.get();
            indicators.remove(pending.pending());
            try {
                if (startingTurn.start(pending.pending(), pending.runId())) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Could not start the next turn of {}; back to the broker", chat.storageKey(), e);
                pending.pending().acker().requeue();
            }
            next = conversations.complete(chat, pending.runId());
        }
    }
}
