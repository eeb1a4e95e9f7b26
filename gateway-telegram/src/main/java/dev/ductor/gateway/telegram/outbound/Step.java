package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.Button;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The next single Bot API call that brings a {@link Rendering} closer to what it should show. */
record Step(Kind kind, int index, @Nullable Integer messageId, String text, List<List<Button>> buttons) {

    enum Kind {
        SEND,
        EDIT,
        DELETE
    }

    String key() {
        return Rendering.key(text, buttons);
    }
}
