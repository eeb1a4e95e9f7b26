package dev.ductor.orchestrator.run;

import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.journal.TurnJournal;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a restart, before any listener starts: turns still in flight keep their chats busy, so new
 * messages queue behind them; their runs' events carry on where they were, or the watchdog reports
 * them lost (behaviour §5.9).
 */
@Component
class ResumingInflightTurns {

    private static final Logger log = LoggerFactory.getLogger(ResumingInflightTurns.class);

    private final TurnJournal journal;
    private final Conversations conversations;

    ResumingInflightTurns(TurnJournal journal, Conversations conversations) {
        this.journal = journal;
        this.conversations = conversations;
    }

    @PostConstruct
    void resume() {
        var inflight = journal.inflight();
        inflight.forEach(turn -> conversations.resume(turn.chat(), turn.runId()));
        if (!inflight.isEmpty()) {
            log.info("{} turn(s) were in flight at the last stop; following them", inflight.size());
        }
    }
}
