package dev.ductor.orchestrator.turn;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message that is to become a turn takes its place in its chat (behaviour §3.7): a turn now when the
 * chat is idle, else a place in the chat's queue (its delivery stays unacked, the broker holds it). A
 * message delivered again while it waits replaces its earlier delivery. A turn that cannot be handed to
 * the runners goes back to the broker, and the chat is free again.
 */
@Component
public class AdmittingTurn {

    private static final Logger log = LoggerFactory.getLogger(AdmittingTurn.class);

    private final Conversations conversations;
    private final StartingTurn startingTurn;
    private final QueueIndicators indicators;
    private final OrchestratorMetrics metrics;

    public AdmittingTurn(
            Conversations conversations,
            StartingTurn startingTurn,
            QueueIndicators indicators,
            OrchestratorMetrics metrics) {
        this.conversations = conversations;
        this.startingTurn = startingTurn;
        this.indicators = indicators;
        this.metrics = metrics;
    }

    /**
     * Admits {@code pending}; {@code showQueued} says whether a message that has to wait gets the chat's
     * "[Message in queue...]" indicator (a user's message does, a webhook's prompt does not).
     */
    public void admit(PendingMessage pending, boolean showQueued) {
        ChatRef chat = pending.message().chat();
        String transport = chat.transport();
        String key = pending.key();
        var admission = conversations.admit(pending);
        if (admission.superseded() != null) {
            log.info("Message {} is already waiting in {}; the new delivery takes its place", key, chat.storageKey());
            metrics.inbound(transport, "duplicate");
            admission.superseded().ack();
            return;
        }
        if (!admission.started()) {
            log.info(
                    "Chat {} is busy; message {} waits ({} waiting)",
                    chat.storageKey(),
                    key,
                    conversations.waiting(chat));
            metrics.inbound(transport, "queued");
            if (showQueued) {
                indicators.show(pending);
            }
            return;
        }
        metrics.inbound(transport, "started");
        boolean started;
        try {
            started = startingTurn.start(pending, admission.runId());
        } catch (RuntimeException e) {
            log.error("Could not hand the turn of {} to the runners; the message goes back to the broker", key, e);
            pending.acker().requeue();
            started = false;
        }
        if (!started) {
            conversations.complete(chat, admission.runId());
        }
    }
}
