package dev.ductor.orchestrator.turn;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.state.StateNotWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message that cannot be accepted because the state it needs cannot be written (the turn journal or
 * {@code sessions.json} on a full or read-only disk): the user is told so ("cannot accept messages right
 * now", {@code recovery.not_accepting}) instead of the message going round until it is dead-lettered.
 *
 * <p>"No message lost" here means: every message either ran, or its sender was told it did not. The
 * delivery is acknowledged only once the broker confirmed that answer; if even the answer cannot be
 * handed over (the broker is gone too), the message goes back to the broker to be tried again, and after
 * the delivery limit lands in the dead-letter queue, where an operator sees it (docs/operations.md).
 */
@Component
public class RefusingMessage {

    private static final Logger log = LoggerFactory.getLogger(RefusingMessage.class);

    private final Replies replies;
    private final Texts texts;

    RefusingMessage(Replies replies, Texts texts) {
        this.replies = replies;
        this.texts = texts;
    }

    public void refuse(InboundMessage message, Acker acker, StateNotWritten cause) {
        log.error(
                "Cannot accept message {} of {}: {} ({}); telling the chat",
                message.transportMessageId(),
                message.chat().storageKey(),
                cause.getMessage(),
                String.valueOf(cause.getCause()));
        try {
            replies.text(message.chat(), texts.t("recovery.not_accepting"), message.transportMessageId());
        } catch (RuntimeException notSent) {
            log.error(
                    "Could not tell {} either ({}); message {} goes back to the broker",
                    message.chat().storageKey(),
                    notSent.toString(),
                    message.transportMessageId());
            acker.requeue();
            return;
        }
        acker.ack();
    }
}
