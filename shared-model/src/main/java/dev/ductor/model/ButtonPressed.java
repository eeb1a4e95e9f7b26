package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A press on an inline button (Telegram callback query, Matrix reaction). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ButtonPressed(
        ChatRef chat, String chatType, long userId, String callbackId, String transportMessageId, String data)
        implements Contract {}
