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
    final StreamSettings settings;
    final List<Integer> messageIds = new ArrayList<>();
    /** What each message shows now (text and buttons), null when unknown (after a restart). */
    final List<@Nullable String> shown = new ArrayList<>();

    /** The whole raw answer so far (latest wins); after the close, the final text without markers. */
    String answer = "";
    /** How much of {@link #answer} the coalescer has released for display. */
    int released;

    long seq = -1;

    @Nullable
    String status;

    int statusCount;
    boolean closed;
    List<List<Button>> buttons = List.of();
    List<String> files = List.of();
    /** Whether {@link #buttons} came from {@code [button:…]} markers (answer buttons, spec §3.13). */
    boolean answerKeyboard;

    long lastEditAt;
    boolean abandoned;

    /** Why the rendering was given up (its commands then fail rather than count as delivered). */
    @Nullable
    String failure;

    /** Raw chunks sealed in earlier messages and the display text they cover (spec §3.11 overflow). */
    List<String> sealed = List.of();

    String sealedPrefix = "";

    int editFailures;
    boolean appendMode;
    /** Append mode: how much of the display answer is already sent. */
    int appendedUntil;

    @Nullable
    String indicatorSent;

    String lastShownAnswer = "";
    boolean buttonsAttached;
    int edits;
    /** When the oldest text not yet visible arrived at the gateway, 0 when everything is shown. */
    long unshownSince;

    Scheduler.@Nullable Scheduled idle;

    @Nullable
    Outbox.Task scheduled;

    final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    @Nullable
    CompletableFuture<Void> supersedable;

    Rendering(String ref, SentRef sent, StreamSettings settings) {
        this.ref = ref;
        this.chatId = sent.chatId();
        this.threadId = sent.threadId();
        this.replyTo = sent.replyTo();
        this.closed = sent.closed();
        this.settings = settings;
        this.appendMode = settings.appendMode();
        for (Integer id : sent.messageIds()) {
            messageIds.add(id);
            shown.add(null);
        }
    }

    SentRef toSentRef() {
        return new SentRef(chatId, threadId, replyTo, messageIds, closed);
    }

    /** The answer text to display now: what the coalescer released, without button and file markers. */
    String displayAnswer() {
        if (closed) {
            return answer;
        }
        return AnswerMarkup.display(answer.substring(0, Math.min(released, answer.length())));
    }

    /** The indicator line while streaming, if any. */
    @Nullable
    String indicator() {
        if (closed || status == null) {
            return null;
        }
        // spec §3.11: tools in bold, system statuses in italics, the repeat count after them
        String styled = status.startsWith("[TOOL:") ? "**" + status + "**" : "_" + status + "_";
        return styled + (statusCount > 1 ? " x" + statusCount : "");
    }

    /** Edit mode: the chunks that should be visible, the answer plus the indicator while streaming. */
    Plan plan() {
        String answerText = displayAnswer();
        String text = answerText;
        String indicator = indicator();
        if (indicator != null) {
            // spec §3.11: a status renders like text does, so "[THINKING]" or "Please wait, recovering..."
            // shows before the first answer text; the final edit drops it
            text = answerText.isBlank() ? indicator : answerText + "\n\n" + indicator;
        }
        if (text.isBlank()) {
            return new Plan(text, answerText, List.of(), List.of(), List.of());
        }
        List<String> chunks = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int base = 0;
        String rest = text;
        if (!sealed.isEmpty() && text.startsWith(sealedPrefix)) {
            chunks.addAll(sealed);
            sealed.forEach(c -> starts.add(0));
            base = sealedPrefix.length();
            rest = text.substring(base);
        }
        int from = 0;
        if (!rest.isBlank()) {
            for (String chunk : TextSplitter.split(rest)) {
                int at = rest.indexOf(chunk, from);
                at = at < 0 ? from : at;
                chunks.add(chunk);
                starts.add(base + at);
                from = at + chunk.length();
            }
        }
        return new Plan(text, answerText, CodeFences.balance(chunks), List.copyOf(chunks), starts);
    }

    /** The buttons of chunk {@code index} of {@code count}: the keyboard goes under the last one, once closed. */
    List<List<Button>> buttonsFor(int index, int count) {
        return closed && index == count - 1 ? buttons : List.of();
    }

    static String key(String text, List<List<Button>> buttons) {
        return buttons.isEmpty() ? text : text + "\u0000" + buttons;
    }

    /** Edit mode's target: the whole text, the answer part, its chunks and where each starts in the text. */
    record Plan(String text, String answer, List<String> chunks, List<String> raw, List<Integer> starts) {}
}
