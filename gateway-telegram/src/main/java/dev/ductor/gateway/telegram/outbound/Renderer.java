package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each {@link Rendering} to the state it should show, one Bot API call at a time through the
 * {@link Outbox}: the first text is sent as a reply, later texts edit it at most every
 * {@code edit_interval_seconds}, text over 4096 characters continues in new messages, the close shows
 * exactly the final text with its buttons and removes messages it no longer needs. Stream appends are
 * latest-wins: an append whose text was superseded before it was shown completes at once.
 */
final class Renderer {

    private static final Logger log = LoggerFactory.getLogger(Renderer.class);

    private final TelegramPort telegram;
    private final Outbox outbox;
    private final SentMessages sent;
    private final DoubleSupplier editIntervalSeconds;
    private final Map<String, Rendering> active = new ConcurrentHashMap<>();

    Renderer(TelegramPort telegram, Outbox outbox, SentMessages sent, DoubleSupplier editIntervalSeconds) {
        this.telegram = telegram;
        this.outbox = outbox;
        this.sent = sent;
        this.editIntervalSeconds = editIntervalSeconds;
    }

    /** A stream begins: remember where its first message goes (persisted, the open is acked after this). */
    CompletableFuture<Void> open(String streamId, ChatRef chat, @Nullable String replyTo) {
        if (sent.find(streamId).isEmpty()) {
            sent.put(
                    streamId,
                    new SentRef(chat.chatId(), chat.topicId(), Outbox.parseMessageId(replyTo), List.of(), false));
        }
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> append(String streamId, ChatRef chat, long seq, String text) {
        Rendering r = rendering(streamId, chat, null);
        synchronized (r) {
            if (r.closed || seq < r.seq) {
                return CompletableFuture.completedFuture(null); // late or older: the shown text is newer
            }
            r.seq = seq;
            if (!text.equals(r.answer)) {
                r.status = null;
                r.statusCount = 0;
            }
            r.answer = text;
            return latest(r);
        }
    }

    CompletableFuture<Void> status(String streamId, ChatRef chat, long seq, String line) {
        Rendering r = rendering(streamId, chat, null);
        synchronized (r) {
            if (r.closed) {
                return CompletableFuture.completedFuture(null);
            }
            if (line.equals(r.status)) {
                r.statusCount++;
            } else {
                r.status = line;
                r.statusCount = 1;
            }
            return latest(r);
        }
    }

    /** Shows exactly {@code text} (split if needed) with {@code buttons}; used by close, SendText and EditText. */
    CompletableFuture<Void> close(
            String ref, ChatRef chat, @Nullable String replyTo, String text, List<List<Button>> buttons) {
        Rendering r = rendering(ref, chat, replyTo);
        synchronized (r) {
            if (!text.isBlank()) {
                r.answer = text;
            }
            r.closed = true;
            r.status = null;
            r.buttons = buttons;
            CompletableFuture<Void> done = new CompletableFuture<>();
            r.waiters.add(done);
            if (r.scheduled != null) {
                r.scheduled.expedite();
            } else {
                schedule(r, false);
            }
            return done;
        }
    }

    /** Whether the gateway knows messages for {@code ref} (an EditText or DeleteMessage needs them). */
    boolean knows(String ref) {
        return active.containsKey(ref) || sent.find(ref).isPresent();
    }

    private CompletableFuture<Void> latest(Rendering r) {
        if (r.supersedable != null) {
            r.waiters.remove(r.supersedable);
            r.supersedable.complete(null); // its text will never be shown: a newer one replaces it
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        r.supersedable = done;
        r.waiters.add(done);
        if (r.scheduled == null) {
            schedule(r, false);
        }
        return done;
    }

    private Rendering rendering(String ref, ChatRef chat, @Nullable String replyTo) {
        return active.computeIfAbsent(
                ref,
                key -> new Rendering(
                        key,
                        sent.find(key)
                                .orElseGet(() -> new SentRef(
                                        chat.chatId(),
                                        chat.topicId(),
                                        Outbox.parseMessageId(replyTo),
                                        List.of(),
                                        false))));
    }

    /** Queues the next step of {@code r}, or completes its waiters when nothing is left to do. Holds r. */
    private void schedule(Rendering r, boolean continuation) {
        Step step = r.abandoned ? null : nextStep(r);
        if (step == null) {
            finish(r);
            return;
        }
        long notBefore = 0;
        if (step.kind() == Step.Kind.EDIT && !r.closed) {
            notBefore = r.lastEditAt + (long) (editIntervalSeconds.getAsDouble() * 1000);
        }
        AtomicReference<@Nullable Step> taken = new AtomicReference<>();
        Outbox.Task task = continuation
                ? outbox.submitNext(r.chatId, true, notBefore, () -> run(r, taken))
                : outbox.submit(r.chatId, true, notBefore, () -> run(r, taken));
        r.scheduled = task;
        task.future().thenAccept(result -> completed(r, taken.get(), result));
    }

    private ApiResult run(Rendering r, AtomicReference<@Nullable Step> taken) {
        Step step;
        synchronized (r) {
            r.scheduled = null;
            step = r.abandoned ? null : nextStep(r);
            taken.set(step);
        }
        if (step == null) {
            return ApiResult.nothingToDo();
        }
        if (step.kind() == Step.Kind.DELETE) {
            return telegram.deleteMessage(r.chatId, step.messageId());
        }
        ApiResult formatted = call(r, step, TelegramHtml.render(step.text()), true);
        if (formatted.permanentFailure() && !formatted.notModified() && !formatted.messageGone()) {
            // spec §3.12: when Telegram refuses the HTML, the same chunk goes out as plain text
            log.info("Telegram refused HTML for {} ({}); sending plain text", r.ref, formatted.description());
            return call(r, step, step.text(), false);
        }
        return formatted;
    }

    private ApiResult call(Rendering r, Step step, String text, boolean html) {
        return step.kind() == Step.Kind.SEND
                ? telegram.sendMessage(
                        r.chatId, r.threadId, text, html, r.messageIds.isEmpty() ? r.replyTo : null, step.buttons())
                : telegram.editMessageText(r.chatId, step.messageId(), text, html, step.buttons());
    }

    private void completed(Rendering r, @Nullable Step step, ApiResult result) {
        synchronized (r) {
            if (step != null) {
                apply(r, step, result);
            }
            if (r.scheduled == null) {
                schedule(r, true);
            }
        }
    }

    private void apply(Rendering r, Step step, ApiResult result) {
        boolean success = result.ok() || (step.kind() == Step.Kind.EDIT && result.notModified());
        switch (step.kind()) {
            case SEND -> {
                if (success && result.messageId() != null) {
                    r.messageIds.add(result.messageId());
                    r.shown.add(step.key());
                    r.lastEditAt = System.currentTimeMillis(); // the next edit waits the interval too
                    sent.put(r.ref, r.toSentRef());
                } else {
                    log.error(
                            "Telegram rejected a message for {} in chat {}: {} {}",
                            r.ref,
                            r.chatId,
                            result.errorCode(),
                            result.description());
                    r.abandoned = true;
                }
            }
            case EDIT -> {
                r.lastEditAt = System.currentTimeMillis();
                r.shown.set(step.index(), step.key());
                if (!success) {
                    log.warn(
                            "Telegram rejected an edit of {} in chat {}: {} {}",
                            r.ref,
                            r.chatId,
                            result.errorCode(),
                            result.description());
                }
            }
            case DELETE -> {
                r.messageIds.remove(step.index());
                r.shown.remove(step.index());
                sent.put(r.ref, r.toSentRef());
            }
        }
    }

    private static @Nullable Step nextStep(Rendering r) {
        List<String> chunks = r.wanted();
        for (int i = 0; i < chunks.size(); i++) {
            List<List<Button>> buttons = r.buttonsFor(i, chunks.size());
            if (i >= r.messageIds.size()) {
                return new Step(Step.Kind.SEND, i, null, chunks.get(i), buttons);
            }
            if (!Rendering.key(chunks.get(i), buttons).equals(r.shown.get(i))) {
                return new Step(Step.Kind.EDIT, i, r.messageIds.get(i), chunks.get(i), buttons);
            }
        }
        if (r.closed && !chunks.isEmpty() && r.messageIds.size() > chunks.size()) {
            int last = r.messageIds.size() - 1;
            return new Step(Step.Kind.DELETE, last, r.messageIds.get(last), "", List.of());
        }
        return null;
    }

    private void finish(Rendering r) {
        r.waiters.forEach(w -> w.complete(null));
        r.waiters.clear();
        r.supersedable = null;
        if (r.closed) {
            sent.put(r.ref, r.toSentRef());
            active.remove(r.ref, r);
        }
    }
}
