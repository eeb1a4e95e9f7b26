package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Acknowledge a button press (Telegram's answerCallbackQuery), optionally with a toast text. Called
 * {@code AnswerButton} before; that type name is still read (see {@link Contracts}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AcknowledgePress(
        ChatRef chat, String callbackId, @Nullable String text) implements Contract {}
