package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.Button;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What one outboundRef or stream should look like in its chat, and what Telegram shows now. Guarded by
 * its own monitor; changed by {@link Renderer} only.
 */
final class Rendering {

    final String ref;
    final long chatId;
    final @Nullable Long threadId;
    final @Nullable Integer replyTo;
    final List<Integer> messageIds = new ArrayList<>();
    /** What each message shows now (text and buttons), null when unknown (after a restart). */
    final List<@Nullable String> shown = new ArrayList<>();

    String answer = "";
    long seq = -1;

    @Nullable
    String status;

    int statusCount;
    boolean closed;
    List<List<Button>> buttons = List.of();
    long lastEditAt;
    boolean abandoned;

    @Nullable
    Outbox.Task scheduled;

    final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    @Nullable
    CompletableFuture<Void> supersedable;

    Rendering(String ref, SentRef sent) {
        this.ref = ref;
        this.chatId = sent.chatId();
        this.threadId = sent.threadId();
        this.replyTo = sent.replyTo();
        this.closed = sent.closed();
        for (Integer id : sent.messageIds()) {
            messageIds.add(id);
            shown.add(null);
        }
    }

    SentRef toSentRef() {
        return new SentRef(chatId, threadId, replyTo, messageIds, closed);
    }

    /** The chunks that should be visible: the answer, plus the indicator while streaming. */
    List<String> wanted() {
        String text = answer;
        if (!closed && status != null && !answer.isBlank()) {
            text = answer + "\n\n" + status + (statusCount > 1 ? " x" + statusCount : "");
        }
        if (text.isBlank()) {
            return List.of();
        }
        return TextSplitter.split(text);
    }

    /** The buttons of chunk {@code index} of {@code count}: the keyboard goes under the last one, once closed. */
    List<List<Button>> buttonsFor(int index, int count) {
        return closed && index == count - 1 ? buttons : List.of();
    }

    static String key(String text, List<List<Button>> buttons) {
        return buttons.isEmpty() ? text : text + "\u0000" + buttons;
    }
}
