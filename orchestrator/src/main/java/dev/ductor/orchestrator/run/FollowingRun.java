package dev.ductor.orchestrator.run;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelRun;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunStarted;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a run's progress events into the live stream in its chat. */
@Component
class FollowingRun {

    private static final Logger log = LoggerFactory.getLogger(FollowingRun.class);

    private final TurnJournal journal;
    private final RunProgress progress;
    private final Replies replies;
    private final Bus bus;
    private final OrchestratorMetrics metrics;

    FollowingRun(TurnJournal journal, RunProgress progress, Replies replies, Bus bus, OrchestratorMetrics metrics) {
        this.journal = journal;
        this.progress = progress;
        this.replies = replies;
        this.bus = bus;
        this.metrics = metrics;
    }

    void started(RunStarted started) {
        if (journal.get(started.runId()).isEmpty()) {
            // The turn was already given up (reported lost): do not let it run on unseen.
            log.warn(
                    "Run {} started on {} but its turn is no longer in flight; stopping it",
                    started.runId(),
                    started.runnerId());
            bus.control(new CancelRun(started.runId(), CancelRun.Mode.STOP), started.runId());
            return;
        }
        progress.signal(started.runId());
        journal.advance(started.runId(), InflightTurn.Phase.RUNNING);
    }

    void output(RunOutput output) {
        var turn = journal.get(output.runId());
        if (turn.isEmpty()) {
            return;
        }
        progress.signal(output.runId());
        RunProgress.Run run = progress.of(output.runId());
        var chat = turn.get().chat();
        switch (output.kind()) {
            case TEXT -> {
                if (!run.textShown) {
                    run.textShown = true;
                    metrics.firstVisibleText(
                            chat.transport(), Duration.between(turn.get().acceptedAt(), Instant.now()));
                }
                replies.streamText(output.runId(), chat, output.seq(), output.offset(), output.text());
            }
            case TOOL -> replies.streamStatus(output.runId(), chat, output.seq(), "tool", output.text());
            case STATUS -> replies.streamStatus(output.runId(), chat, output.seq(), "system", output.text());
        }
    }

    void heartbeat(String runId) {
        if (journal.get(runId).isPresent()) {
            progress.signal(runId);
        }
    }
}
