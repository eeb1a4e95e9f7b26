package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a stream is shown as a draft (behaviour §3.11 "Drafts"): in private chats (a positive chat id is
 * a user's own chat), when enabled ({@code ductor.telegram.drafts}), until the Bot API refuses the method
 * for this bot — then every stream, those under way included, uses edits until the gateway restarts: one
 * refusal per gateway run.
 */
final class Drafts {

    private static final Logger log = LoggerFactory.getLogger(Drafts.class);

    private final boolean enabled;
    private volatile boolean refused;

    Drafts(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether a new stream into {@code chatId} is shown as a draft. */
    boolean offered(long chatId) {
        return enabled && !refused && chatId > 0;
    }

    /** A draft Telegram answered with {@code result}: a missing method is remembered for the bot. */
    void answered(ApiResult result) {
        if (result.methodMissing() && !refused) {
            refused = true;
            log.warn(
                    "The Bot API does not offer sendMessageDraft to this bot ({} {}); streams use edits",
                    result.errorCode(),
                    result.description());
        }
    }

    /** The draft id of a stream: non-zero, the same for every update of the stream (so they animate). */
    static int draftId(String ref) {
        int id = ref.hashCode() & Integer.MAX_VALUE;
        return id == 0 ? 1 : id;
    }
}
