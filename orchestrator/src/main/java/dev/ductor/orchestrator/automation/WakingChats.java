package dev.ductor.orchestrator.automation;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.WebhookFired;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.turn.AdmittingTurn;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A {@code wake} webhook (behaviour §6.2): its prompt goes into the live session of each allowed user's
 * private chat (or of the message's target), as a message of that chat — a turn now if the chat is idle,
 * else queued behind the running one — with the current provider, model and CLI session. Each chat's part
 * is deduplicated by {@code wh:<request>:<chat>}; the delivery is settled when every part was handed on.
 */
@Component
class WakingChats {

    private static final Logger log = LoggerFactory.getLogger(WakingChats.class);

    private final ConfigStore config;
    private final TurnJournal journal;
    private final AdmittingTurn admitting;
    private final String agent;

    WakingChats(ConfigStore config, TurnJournal journal, AdmittingTurn admitting, Topology topology) {
        this.config = config;
        this.journal = journal;
        this.admitting = admitting;
        this.agent = topology.agent();
    }

    void wake(WebhookFired fired, Acker acker) {
        List<ChatRef> chats =
                fired.target() != null ? List.of(fired.target()) : Broadcast.allowedUsers(config.current(), agent);
        if (chats.isEmpty()) {
            log.warn("Webhook {} (wake): no allowed user to wake; nothing runs", fired.hookId());
            acker.ack();
            return;
        }
        var split = new SplitAcker(acker, chats.size());
        for (ChatRef chat : chats) {
            var message = new InboundMessage(
                    chat,
                    chat.chatId() > 0 ? "private" : "supergroup",
                    chat.chatId(),
                    "webhook " + fired.hookId(),
                    "wh-" + fired.requestId(),
                    fired.renderedPrompt(),
                    null,
                    true,
                    fired.receivedAt());
            enqueue(new PendingMessage(message, "wh:" + fired.requestId() + ":" + chat.storageKey(), split.part()));
        }
    }

    private void enqueue(PendingMessage pending) {
        if (journal.seen(pending.key())) {
            pending.acker().ack();
            return;
        }
        admitting.admit(pending, false);
    }
}
