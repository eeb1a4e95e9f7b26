package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** Acknowledge a button press (Telegram's answerCallbackQuery), optionally with a toast text. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnswerButton(
        ChatRef chat, String callbackId, @Nullable String text) implements Contract {}
