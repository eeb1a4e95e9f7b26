package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A press on an inline button (Telegram callback query, Matrix reaction). {@code nativeChatId} and
 * {@code nativeUserId} carry the transport's own room and user ids as in {@link InboundMessage}: set on
 * Matrix, null on Telegram.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ButtonPressed(
        ChatRef chat,
        String chatType,
        long userId,
        String callbackId,
        String transportMessageId,
        String data,
        @Nullable String nativeChatId,
        @Nullable String nativeUserId)
        implements Contract {

    /** A press on a transport whose ids are the numbers themselves (Telegram): no native ids. */
    public ButtonPressed(
            ChatRef chat, String chatType, long userId, String callbackId, String transportMessageId, String data) {
        this(chat, chatType, userId, callbackId, transportMessageId, data, null, null);
    }
}
