package dev.ductor.orchestrator.run;

import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Telegram shows "typing…" for about five seconds; ductor re-sends it for the whole turn (behaviour §3.11).
 * Every few seconds each turn that was handed to the runners gets its chat's {@code typing} again.
 */
@Component
class KeepingTyping {

    private static final Logger log = LoggerFactory.getLogger(KeepingTyping.class);

    private final TurnJournal journal;
    private final Replies replies;

    KeepingTyping(TurnJournal journal, Replies replies) {
        this.journal = journal;
        this.replies = replies;
    }

    @Scheduled(fixedRateString = "${ductor.orchestrator.typing-interval:4s}")
    void refresh() {
        for (InflightTurn turn : journal.inflight()) {
            if (turn.phase() == InflightTurn.Phase.ACCEPTED) {
                continue;
            }
            try {
                replies.typing(turn.runId(), turn.chat());
            } catch (RuntimeException e) {
                // Cosmetic: a broker hiccup must not stop the next refresh.
                log.debug("Typing for {} not sent: {}", turn.runId(), e.getMessage());
            }
        }
    }
}
