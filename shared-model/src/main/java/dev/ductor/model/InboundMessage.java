package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's message as a gateway normalised it. {@code transportMessageId} with {@link #chat()} is the
 * deduplication key; {@code chatType} is {@code private}, {@code group}, {@code supergroup} or
 * {@code channel} ({@code private} is a DM on Matrix, any other room is {@code group}). {@code addressed}
 * tells whether a group message mentions or replies to the bot. {@code userName} is the name to address
 * the user by (Telegram: the first name, else the username, else the id).
 *
 * <p>{@code nativeChatId} and {@code nativeUserId} are the transport's own ids where they are not numbers:
 * on Matrix the room id ({@code !abc:server}, mapped to {@code chat.chatId} as in behaviour §9.2) and the
 * sender's user id ({@code @u:server}); the orchestrator authorises Matrix messages with them. Null for
 * Telegram, whose ids are {@code chat.chatId} and {@code userId}, and in messages of producers that
 * predate them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(
        ChatRef chat,
        String chatType,
        long userId,
        String userName,
        String transportMessageId,
        String text,
        @Nullable String quotedText,
        boolean addressed,
        Instant sentAt,
        @Nullable String nativeChatId,
        @Nullable String nativeUserId)
        implements Contract {

    /** A message of a transport whose ids are the numbers themselves (Telegram): no native ids. */
    public InboundMessage(
            ChatRef chat,
            String chatType,
            long userId,
            String userName,
            String transportMessageId,
            String text,
            @Nullable String quotedText,
            boolean addressed,
            Instant sentAt) {
        this(chat, chatType, userId, userName, transportMessageId, text, quotedText, addressed, sentAt, null, null);
    }
}
