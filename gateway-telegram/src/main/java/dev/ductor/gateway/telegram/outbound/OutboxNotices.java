package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.Notices;
import dev.ductor.gateway.telegram.api.TelegramPort;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link Notices} through the one outbox, paced like every other message to the chat. */
final class OutboxNotices implements Notices {

    private final TelegramPort telegram;
    private final Outbox outbox;

    OutboxNotices(TelegramPort telegram, Outbox outbox) {
        this.telegram = telegram;
        this.outbox = outbox;
    }

    @Override
    public void reply(long chatId, @Nullable Long threadId, @Nullable Integer replyTo, String text) {
        outbox.submit(chatId, true, 0, () -> telegram.sendMessage(chatId, threadId, text, false, replyTo, List.of()));
    }
}
