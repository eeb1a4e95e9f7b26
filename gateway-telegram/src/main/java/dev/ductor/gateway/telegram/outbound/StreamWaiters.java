package dev.ductor.gateway.telegram.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The bus commands waiting for one stream to be shown; each is acked when its future completes. Guarded
 * by the stream's monitor, like its {@link StreamState}.
 */
final class StreamWaiters {

    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private @Nullable CompletableFuture<Void> supersedable;

    /** A command that completes when everything pending is shown. */
    CompletableFuture<Void> add() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        return done;
    }

    /** A stream update's command; the previous one completes now, since its text will never be shown. */
    CompletableFuture<Void> latest() {
        if (supersedable != null) {
            waiting.remove(supersedable);
            supersedable.complete(null);
        }
        supersedable = add();
        return supersedable;
    }

    boolean any() {
        return !waiting.isEmpty();
    }

    /**
     * The stream's commands failed because the chat refuses the bot's messages for good (removed, blocked,
     * gone) before anything of them was shown: what a {@code SendText} fallback is for.
     */
    static final class ChatRefused extends IllegalStateException {
        ChatRefused(String why) {
            super(why);
        }
    }

    /**
     * Nothing is left to do: completes the waiting commands, or fails them with {@code failure} ({@link
     * ChatRefused} when {@code chatRefused}).
     */
    void settle(@Nullable String failure, boolean chatRefused) {
        // A stream Telegram refused for good is not "delivered": its commands go to the DLQ (counted,
        // alerted), not acked as if the user had seen them.
        waiting.forEach(w -> {
            if (failure == null) {
                w.complete(null);
            } else {
                w.completeExceptionally(chatRefused ? new ChatRefused(failure) : new IllegalStateException(failure));
            }
        });
        waiting.clear();
        supersedable = null;
    }
}
