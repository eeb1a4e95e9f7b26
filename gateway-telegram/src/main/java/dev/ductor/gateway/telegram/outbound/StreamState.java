package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Button;
import dev.ductor.stream.StreamText;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one outboundRef or stream should look like in its chat, what Telegram shows of it now, and the
 * commands waiting for it ({@link StreamWaiters}). It changes only through its transitions — text arrived, a status, the close, a
 * step's result — which the {@link Renderer} calls holding this object's monitor; {@link StepPlanner}
 * reads it to choose the next step.
 */
final class StreamState {

    private static final Logger log = LoggerFactory.getLogger(StreamState.class);

    final String ref;
    final long chatId;
    final @Nullable Long threadId;
    final @Nullable Integer replyTo;
    final StreamSettings settings;

    private final List<Integer> messageIds = new ArrayList<>();
    /** What each message shows now (text and buttons), null when unknown (after a restart). */
    private final List<@Nullable String> shown = new ArrayList<>();

    /** The raw answer rebuilt from the appends (behaviour §3.11, design "No message is ever lost" 5). */
    private final StreamText streamed;

    /** The raw answer so far ({@link #streamed}'s text); after the close, the final text without markers. */
    private String answer = "";
    /** How much of {@link #answer} the coalescer has released for display. */
    private int released;

    private @Nullable String status;
    private int statusCount;
    private boolean closed;
    private List<List<Button>> buttons = List.of();
    /** Whether {@link #buttons} came from {@code [button:…]} markers (answer buttons, behaviour §3.13). */
    private boolean answerKeyboard;

    private long lastEditAt;
    /** Why the stream was given up (its commands then fail rather than count as delivered). */
    private @Nullable String failure;
    /** Given up because the chat refused its first message: nothing of it was shown there. */
    private boolean chatRefused;

    /** Raw chunks sealed in earlier messages and the display text they cover (behaviour §3.11 overflow). */
    private List<String> sealed = List.of();

    private String sealedPrefix = "";
    private int editFailures;
    private boolean appendMode;
    /** Draft mode: the last chunk shows as the private chat's draft until the close sends it. */
    private boolean drafting;
    /** What the draft shows now, null before the first (or when it must be shown again). */
    private @Nullable String draftShown;
    /** When the draft was last shown. */
    private long draftAt;
    /** Append mode: how much of the display answer is already sent. */
    private int appendedUntil;

    private @Nullable String indicatorSent;
    private String lastShownAnswer = "";
    private boolean buttonsAttached;
    private int edits;
    /** When the oldest text not yet visible arrived at the gateway, 0 when everything is shown. */
    private long unshownSince;

    private Scheduler.@Nullable Scheduled idle;
    private Outbox.@Nullable Task queued;
    /** The commands waiting for this stream. */
    final StreamWaiters waiters = new StreamWaiters();
    /** The appends whose text the disk refused so far. */
    final UnsavedText unsaved = new UnsavedText();

    /** What a step's result asks of the others: persist the message ids, remember a keyboard, a latency. */
    record Applied(boolean messagesChanged, @Nullable Integer keyboardOn, long visibleAfterMs) {}

    /**
     * {@code restored}: the answer text persisted before a restart, if any; {@code drafts}: whether a stream
     * with no message yet is shown as a draft.
     */
    StreamState(String ref, SentRef sent, StreamSettings settings, @Nullable String restored, boolean drafts) {
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
        this.streamed = restored == null ? new StreamText() : new StreamText(restored);
        this.answer = streamed.text();
        this.released = answer.length(); // it was on its way to the chat before the restart
        this.drafting = drafts && !appendMode && !closed && messageIds.isEmpty();
    }

    // ------------------------------------------------------------------ transitions

    /**
     * More of the answer, {@code delta} from {@code offset} on ({@link StreamText}'s rule); false when it
     * changes nothing (a repeat, a delta waiting behind a gap, or one after the close).
     */
    boolean text(long offset, String delta, long now) {
        if (closed || !streamed.accept(offset, delta)) {
            return false;
        }
        String text = streamed.text();
        if (!text.startsWith(answer)) {
            released = 0; // the text was rewritten, not extended: coalesce it anew
        }
        if (!text.equals(answer)) {
            status = null;
            statusCount = 0;
            unshown(now);
        }
        answer = text;
        return true;
    }

    /**
     * behaviour §3.11: releases the text at paragraph or sentence boundaries; true when the rest waits for
     * {@code idle_ms} without news (the caller starts the timer and hands it to {@link #idle}).
     */
    boolean coalesce() {
        cancelIdle();
        Coalescer.Flush flush = settings.coalescer().next(answer, released);
        released = flush.upTo();
        return flush.idleTimer();
    }

    void idle(Scheduler.Scheduled timer) {
        this.idle = timer;
    }

    /** {@code idle_ms} passed without news: everything is released; false when that changes nothing. */
    boolean idleFlush() {
        idle = null;
        if (closed || released >= answer.length()) {
            return false;
        }
        released = answer.length();
        return true;
    }

    /** A tool or status event: shown under the text, repeats counted; it forces a flush (behaviour §3.11). */
    boolean status(String line) {
        if (closed) {
            return false;
        }
        cancelIdle();
        released = answer.length();
        if (line.equals(status)) {
            statusCount++;
        } else {
            status = line;
            statusCount = 1;
        }
        return true;
    }

    /** The final text (kept when {@code markup} has none) with its keyboard; explicit buttons win over markers. */
    void close(AnswerMarkup markup, List<List<Button>> explicit, long now) {
        cancelIdle();
        if (!markup.text().isBlank()) {
            if (!closed && !markup.text().equals(displayAnswer())) {
                unshown(now);
            }
            answer = markup.text();
        } else if (!closed) {
            answer = AnswerMarkup.display(answer);
        }
        released = answer.length();
        closed = true;
        status = null;
        buttons = explicit.isEmpty() ? markup.buttons() : explicit;
        answerKeyboard = explicit.isEmpty() && !markup.buttons().isEmpty();
    }

    /** Telegram answered {@code step} with {@code result}: what is shown now, and what the others must do. */
    Applied applied(Step step, ApiResult result, long now) {
        boolean success = result.ok() || (step.kind() == Step.Kind.EDIT && result.notModified());
        return switch (step.kind()) {
            case SEND, APPEND, INDICATOR -> sent(step, result, success, now);
            case EDIT -> edited(step, result, success, now);
            case DRAFT -> drafted(step, result, now);
            case DELETE -> {
                messageIds.remove(step.index());
                shown.remove(step.index());
                yield new Applied(true, null, -1);
            }
        };
    }

    private Applied sent(Step step, ApiResult result, boolean success, long now) {
        Integer messageId = result.messageId();
        if (!success || messageId == null) {
            log.error(
                    "Telegram rejected a message for {} in chat {}: {} {}",
                    ref,
                    chatId,
                    result.errorCode(),
                    result.description());
            chatRefused = result.chatRefused() && messageIds.isEmpty();
            abandon("Telegram rejected it: " + result.errorCode() + " " + result.description());
            return new Applied(false, null, -1);
        }
        messageIds.add(messageId);
        shown.add(step.key());
        if (!drafting) {
            lastEditAt = now; // the next edit waits the interval too; a draft goes on at once after a sealed part
        }
        if (step.sealPrefix() != null) {
            sealed = step.sealed();
            sealedPrefix = step.sealPrefix();
        }
        if (step.kind() == Step.Kind.APPEND) {
            appendedUntil = step.shownAnswer().length();
        } else if (step.kind() == Step.Kind.INDICATOR) {
            indicatorSent = step.text();
        }
        return new Applied(true, keyboard(step, messageId), visible(step, now));
    }

    private Applied edited(Step step, ApiResult result, boolean success, long now) {
        lastEditAt = now;
        edits++;
        if (success) {
            editFailures = 0;
            shown.set(step.index(), step.key());
            if (appendMode) {
                buttonsAttached = true;
            }
            return new Applied(false, keyboard(step, step.messageId()), visible(step, now));
        }
        editFailures++;
        log.warn(
                "Telegram rejected an edit of {} in chat {}: {} {} ({} in a row)",
                ref,
                chatId,
                result.errorCode(),
                result.description(),
                editFailures);
        if (appendMode) {
            buttonsAttached = true; // nothing more to try
        } else if (closed || editFailures >= settings.maxEditFailures()) {
            // a final edit that failed is never taken as shown: the rest of the answer goes out as new messages
            log.warn("Switching {} to append mode after {} failed edits", ref, editFailures);
            appendMode = true;
            appendedUntil = lastShownAnswer.length();
        } else {
            shown.set(step.index(), step.key()); // do not retry this exact text
        }
        return new Applied(false, null, -1);
    }

    /**
     * A draft step Telegram answered: {@code result} is a success, or a failure the outbox gave up retrying
     * (a refusal never gets here: {@link Renderer} shows its content by edits in the same turn).
     */
    private Applied drafted(Step step, ApiResult result, long now) {
        lastEditAt = now;
        if (!result.ok()) {
            log.warn(
                    "A draft of {} in chat {} still failed after retries: {} {}; showing it by edits",
                    ref,
                    chatId,
                    result.errorCode(),
                    result.description());
            stopDrafting();
            return new Applied(false, null, -1);
        }
        draftShown = step.key();
        draftAt = now;
        return new Applied(false, null, visible(step, now));
    }

    /** Draft mode ends for this stream: what it shows from now on is sent and edited (behaviour §3.11). */
    void stopDrafting() {
        drafting = false;
    }

    /**
     * A draft not updated for {@code after} ms is shown again (Telegram drops a draft about 30 s after its
     * last update, while a long tool runs); true when that is due now.
     */
    boolean refreshDraft(long now, long after) {
        if (!drafting || closed || abandoned() || draftShown == null || now - draftAt < after) {
            return false;
        }
        draftShown = null;
        return true;
    }

    private @Nullable Integer keyboard(Step step, @Nullable Integer messageId) {
        return answerKeyboard && !step.buttons().isEmpty() ? messageId : null;
    }

    /** Bookkeeping after text became visible: what the fallback continues from, and how long it waited. */
    private long visible(Step step, long now) {
        if (step.kind() == Step.Kind.INDICATOR) {
            return -1;
        }
        if (step.shownAnswer().length() >= lastShownAnswer.length() || closed) {
            lastShownAnswer = step.shownAnswer();
        }
        if (unshownSince != 0 && step.shownAnswer().equals(displayAnswer())) {
            long waited = now - unshownSince;
            unshownSince = 0;
            return waited;
        }
        return -1;
    }

    private void unshown(long now) {
        if (unshownSince == 0) {
            unshownSince = now;
        }
    }

    private void cancelIdle() {
        if (idle != null) {
            idle.cancel();
            idle = null;
        }
    }

    /** Gives the stream up: nothing more is sent, and its commands fail with {@code why}. */
    void abandon(String why) {
        failure = why;
    }

    // ------------------------------------------------------------------ the step in the outbox

    /** The step queued in the outbox, if any. */
    Outbox.@Nullable Task queued() {
        return queued;
    }

    void queued(Outbox.@Nullable Task task) {
        this.queued = task;
    }

    /** Why the stream was given up, null while it is not. */
    @Nullable
    String failure() {
        return failure;
    }

    /** Whether it was given up because the chat refused it for good before anything was shown there. */
    boolean chatRefused() {
        return chatRefused;
    }

    // ------------------------------------------------------------------ what the planner reads

    /** The answer rebuilt from the appends so far, what a restart needs to go on (empty after the close). */
    String streamedText() {
        return closed ? "" : streamed.text();
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
        // behaviour §3.11: tools in bold, system statuses in italics, the repeat count after them
        String styled = status.startsWith("[TOOL:") ? "**" + status + "**" : "_" + status + "_";
        return styled + (statusCount > 1 ? " x" + statusCount : "");
    }

    /** When the next edit of a streaming message may go out ({@code edit_interval_seconds}). */
    long nextEditAt() {
        return lastEditAt + (long) (settings.editIntervalSeconds() * 1000);
    }

    List<Integer> messageIds() {
        return List.copyOf(messageIds);
    }

    @Nullable
    String shown(int index) {
        return shown.get(index);
    }

    boolean closed() {
        return closed;
    }

    boolean abandoned() {
        return failure != null;
    }

    boolean appendMode() {
        return appendMode;
    }

    boolean drafting() {
        return drafting;
    }

    @Nullable
    String draftShown() {
        return draftShown;
    }

    List<List<Button>> buttons() {
        return buttons;
    }

    List<String> sealed() {
        return sealed;
    }

    String sealedPrefix() {
        return sealedPrefix;
    }

    int appendedUntil() {
        return appendedUntil;
    }

    String lastShownAnswer() {
        return lastShownAnswer;
    }

    @Nullable
    String indicatorSent() {
        return indicatorSent;
    }

    boolean buttonsAttached() {
        return buttonsAttached;
    }

    int edits() {
        return edits;
    }
}
