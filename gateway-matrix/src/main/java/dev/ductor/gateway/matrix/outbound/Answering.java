package dev.ductor.gateway.matrix.outbound;

import org.jspecify.annotations.Nullable;

/**
 * What a message answers: the user's event {@code replyTo} (null: nothing), and whether it is the answer's
 * first message, which is shown as a reply to it (behaviour §9.7).
 */
record Answering(@Nullable String replyTo, boolean first) {

    static final Answering NOTHING = new Answering(null, false);

    /** A later message of the same answer: in the same thread, no longer a reply of its own. */
    Answering continued() {
        return first ? new Answering(replyTo, false) : this;
    }
}
