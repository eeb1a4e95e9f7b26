package dev.ductor.orchestrator.chats;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatType;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.auth.Authorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a message from a Telegram group in {@code chat_activity.json}: a group not allowed as
 * {@code rejected} (so {@code /where} shows its id; it is never answered), an allowed one whose message was
 * authorised as {@code active}. Matrix rooms are allowed by {@code allowed_rooms}, not by this list.
 * Bookkeeping: a failed write is logged, never the reason a message is lost.
 */
@Component
public class RecordingGroupMessages {

    private static final Logger log = LoggerFactory.getLogger(RecordingGroupMessages.class);

    private final ChatTracker tracker;
    private final ConfigStore config;

    RecordingGroupMessages(ChatTracker tracker, ConfigStore config) {
        this.tracker = tracker;
        this.config = config;
    }

    public void heard(InboundMessage message, boolean authorised) {
        if (ChatType.of(message.chatType()) == ChatType.PRIVATE
                || Transport.of(message.chat().transport()) != Transport.TELEGRAM) {
            return;
        }
        try {
            if (!Authorizer.chatAllowed(
                    config.current(), message.chatType(), message.chat().chatId())) {
                tracker.rejected(message.chat(), message.chatType());
            } else if (authorised) {
                tracker.active(message.chat(), message.chatType());
            }
        } catch (RuntimeException e) {
            log.warn("Could not update the chat tracker: {}", e.toString());
        }
    }
}
