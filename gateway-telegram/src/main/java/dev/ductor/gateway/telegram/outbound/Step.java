package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.Button;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The next single Bot API call that brings a {@link StreamState} closer to what it should show.
 * {@code shownAnswer} is the answer text the call makes visible (for sealing and the append-mode
 * fallback); {@code sealed} are the chunks a SEND of a continuation message seals.
 */
record Step(
        Kind kind,
        int index,
        @Nullable Integer messageId,
        String text,
        List<List<Button>> buttons,
        String shownAnswer,
        @Nullable String sealPrefix,
        List<String> sealed) {

    enum Kind {
        SEND,
        EDIT,
        DELETE,
        /** Append mode: a new message carrying the next piece of text. */
        APPEND,
        /** Append mode: a new message carrying a tool or status indicator. */
        INDICATOR,
        /** Draft mode: the private chat's draft shows the growing last chunk (no message yet). */
        DRAFT
    }

    static Step of(Kind kind, int index, @Nullable Integer messageId, String text, List<List<Button>> buttons) {
        return new Step(kind, index, messageId, text, buttons, "", null, List.of());
    }

    String key() {
        return key(text, buttons);
    }

    /** What a message shows, text and keyboard, as one comparable string. */
    static String key(String text, List<List<Button>> buttons) {
        return buttons.isEmpty() ? text : text + "\u0000" + buttons;
    }
}
