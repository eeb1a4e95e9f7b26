package dev.ductor.gateway.telegram;

import org.jspecify.annotations.Nullable;

/**
 * Told by the poller about each button press it published, so the message can show the answer (behaviour
 * §3.13): the outbound side appends {@code [USER ANSWER] <label>} and removes the keyboard.
 */
public interface ButtonPresses {

    void pressed(long chatId, int messageId, String data, @Nullable String messageText);
}
