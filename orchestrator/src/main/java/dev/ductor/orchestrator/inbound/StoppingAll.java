package dev.ductor.orchestrator.inbound;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelAll;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code /stop_all} and the abort-all phrases (spec §2.9): every runner kills every run, in all chats;
 * the asking chat's queue is discarded, other chats go on with their next message.
 */
@Component
class StoppingAll {

    private final Conversations conversations;
    private final StoppingTurn stoppingTurn;
    private final Replies replies;
    private final Bus bus;
    private final Texts texts;

    StoppingAll(Conversations conversations, StoppingTurn stoppingTurn, Replies replies, Bus bus, Texts texts) {
        this.texts = texts;
        this.conversations = conversations;
        this.stoppingTurn = stoppingTurn;
        this.replies = replies;
        this.bus = bus;
    }

    void stopAll(InboundMessage message) {
        stoppingTurn.discardQueue(message.chat());
        int running = conversations.activeRuns().size();
        bus.control(new CancelAll("stop_all from " + message.chat().storageKey()), message.transportMessageId());
        replies.text(message.chat(), texts.stoppedAll(running), message.transportMessageId());
    }
}
