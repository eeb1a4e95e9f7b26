package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's message as a gateway normalised it. {@code transportMessageId} with {@link #chat()} is the
 * deduplication key; {@code chatType} is {@code private}, {@code group}, {@code supergroup} or
 * {@code channel}. {@code addressed} tells whether a group message mentions or replies to the bot.
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
        Instant sentAt)
        implements Contract {}
