package dev.ductor.orchestrator.run;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.CancelRun;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices runs that were lost: a runner that stopped sending heartbeats (killed, host gone), or a turn
 * whose hand-over to the runners was cut off by a crash. The chat gets ductor's "Interrupted Task …
 * Please re-send" notice; the prompt is never re-run silently (docs/design.md, "No message is ever lost" 2).
 */
@Component
class LostRunWatchdog {

    private static final Logger log = LoggerFactory.getLogger(LostRunWatchdog.class);

    private final TurnJournal journal;
    private final RunProgress progress;
    private final FinishingTurn finishing;
    private final Replies replies;
    private final Bus bus;
    private final ConfigStore config;
    private final OrchestratorProperties properties;
    private final OrchestratorMetrics metrics;
    private final Texts texts;

    LostRunWatchdog(
            TurnJournal journal,
            RunProgress progress,
            FinishingTurn finishing,
            Replies replies,
            Bus bus,
            ConfigStore config,
            OrchestratorProperties properties,
            OrchestratorMetrics metrics,
            Texts texts) {
        this.texts = texts;
        this.journal = journal;
        this.progress = progress;
        this.finishing = finishing;
        this.replies = replies;
        this.bus = bus;
        this.config = config;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${ductor.orchestrator.watchdog-interval:2s}")
    void check() {
        Duration queuedLimit =
                Duration.ofSeconds(config.current().timeouts().normal()).plus(properties.runLostAfter());
        for (InflightTurn candidate : progress.silent(journal.inflight(), properties.runLostAfter(), queuedLimit)) {
            synchronized (finishing) {
                if (!finishing.stillLost(
                        candidate,
                        t -> !progress.silent(java.util.List.of(t), properties.runLostAfter(), queuedLimit)
                                .isEmpty())) {
                    continue;
                }
                reportLost(candidate);
            }
        }
    }

    private void reportLost(InflightTurn turn) {
        log.warn(
                "Run {} of {} is lost ({}, no sign of life for {}); telling the chat",
                turn.runId(),
                turn.chat().storageKey(),
                turn.phase(),
                properties.runLostAfter());
        metrics.lostRun();
        bus.control(new CancelRun(turn.runId(), CancelRun.Mode.STOP), turn.runId());
        replies.streamClose(turn.runId(), turn.chat(), "");
        replies.runText(turn.runId(), "lost", turn.chat(), texts.interrupted(turn.promptPreview()), turn.replyTo());
        finishing.end(turn, "lost");
    }
}
