package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
    private final Supplier<StreamSettings> settings;
    private final StreamMetrics metrics;
    private final FileTags files;
    private final AnsweredButtons answers;
    private final InstantSource clock;
    private final Scheduler timers;
    private final Map<String, Rendering> active = new ConcurrentHashMap<>();

    Renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            Supplier<StreamSettings> settings,
            StreamMetrics metrics,
            FileTags files,
            AnsweredButtons answers,
            InstantSource clock,
            Scheduler timers) {
        this.clock = clock;
        this.timers = timers;
        this.telegram = telegram;
        this.outbox = outbox;
        this.sent = sent;
        this.settings = settings;
        this.metrics = metrics;
        this.files = files;
        this.answers = answers;
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
            if (!text.startsWith(r.answer)) {
                r.released = 0; // the text was rewritten, not extended: coalesce it anew
            }
            if (!text.equals(r.answer)) {
                r.status = null;
                r.statusCount = 0;
                if (r.unshownSince == 0) {
                    r.unshownSince = clock.millis();
                }
            }
            r.answer = text;
            coalesce(r);
            return latest(r);
        }
    }

    /** spec §3.11: releases text at paragraph or sentence boundaries, or after {@code idle_ms} without news. */
    private void coalesce(Rendering r) {
        if (r.idle != null) {
            r.idle.cancel();
            r.idle = null;
        }
        Coalescer.Flush flush = r.settings.coalescer().next(r.answer, r.released);
        r.released = flush.upTo();
        if (flush.idleTimer()) {
            r.idle = timers.schedule(Duration.ofMillis(r.settings.idleMs()), () -> idleFlush(r));
        }
    }

    private void idleFlush(Rendering r) {
        synchronized (r) {
            r.idle = null;
            if (r.closed || r.released >= r.answer.length()) {
                return;
            }
            r.released = r.answer.length();
            if (r.scheduled == null) {
                schedule(r, false);
            }
        }
    }

    /** A tool or status event forces the coalescer to release everything (spec §3.11). */
    private static void forceFlush(Rendering r) {
        if (r.idle != null) {
            r.idle.cancel();
            r.idle = null;
        }
        r.released = r.answer.length();
    }

    CompletableFuture<Void> status(String streamId, ChatRef chat, long seq, String line) {
        Rendering r = rendering(streamId, chat, null);
        synchronized (r) {
            if (r.closed) {
                return CompletableFuture.completedFuture(null);
            }
            forceFlush(r);
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
        AnswerMarkup markup = AnswerMarkup.parse(text);
        synchronized (r) {
            if (r.idle != null) {
                r.idle.cancel();
                r.idle = null;
            }
            if (!markup.text().isBlank()) {
                if (!r.closed && !markup.text().equals(r.displayAnswer()) && r.unshownSince == 0) {
                    r.unshownSince = clock.millis();
                }
                r.answer = markup.text();
            } else if (!r.closed) {
                r.answer = AnswerMarkup.display(r.answer);
            }
            r.released = r.answer.length();
            r.closed = true;
            r.status = null;
            r.buttons = buttons.isEmpty() ? markup.buttons() : buttons;
            r.answerKeyboard = buttons.isEmpty() && !markup.buttons().isEmpty();
            r.files = markup.files();
            CompletableFuture<Void> done = new CompletableFuture<>();
            r.waiters.add(done);
            if (r.scheduled != null) {
                r.scheduled.expedite();
            } else {
                schedule(r, false);
            }
            List<String> tagged = markup.files();
            return tagged.isEmpty() ? done : done.thenCompose(v -> files.send(r.chatId, r.threadId, tagged));
        }
    }

    /**
     * Completes when what is pending for {@code ref} has been carried out (at once when nothing is), so a
     * command about that message (a pin) follows the send it refers to.
     */
    CompletableFuture<Void> settled(String ref) {
        Rendering r = active.get(ref);
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (r) {
            if (r.waiters.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            r.waiters.add(done);
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
                                        false)),
                        settings.get()));
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
            notBefore = r.lastEditAt + (long) (r.settings.editIntervalSeconds() * 1000);
        }
        AtomicReference<@Nullable Step> taken = new AtomicReference<>();
        Outbox.Task task = continuation
                ? outbox.submitNext(r.chatId, true, notBefore, () -> run(r, taken))
                : outbox.submit(r.chatId, true, notBefore, () -> run(r, taken));
        r.scheduled = task;
        task.future().whenComplete((result, error) -> {
            if (error != null || result == null) {
                // Never leave the waiters hanging: the command is rejected (DLQ), not held forever.
                log.error("Rendering step for {} failed", r.ref, error);
                synchronized (r) {
                    r.abandoned = true;
                    r.failure = "rendering failed: " + error;
                    finish(r);
                }
                return;
            }
            try {
                completed(r, taken.get(), result);
            } catch (RuntimeException e) {
                log.error("Rendering step for {} failed", r.ref, e);
                synchronized (r) {
                    r.abandoned = true;
                    r.failure = "rendering failed: " + e;
                    finish(r);
                }
            }
        });
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
        if (step.kind() == Step.Kind.EDIT) {
            return telegram.editMessageText(r.chatId, step.messageId(), text, html, step.buttons());
        }
        Integer replyTo = r.messageIds.isEmpty() ? r.replyTo : null;
        ApiResult sent = telegram.sendMessage(r.chatId, r.threadId, text, html, replyTo, step.buttons());
        if (r.threadId != null && sent.permanentFailure() && threadGone(sent)) {
            // The forum topic was deleted (or closed to the bot): the answer goes to the group's General
            // topic instead of being lost.
            log.warn("Topic {} of chat {} is gone; {} goes to the chat without it", r.threadId, r.chatId, r.ref);
            return telegram.sendMessage(r.chatId, null, text, html, null, step.buttons());
        }
        return sent;
    }

    private static boolean threadGone(ApiResult result) {
        String description = String.valueOf(result.description()).toLowerCase(java.util.Locale.ROOT);
        return description.contains("message thread not found")
                || description.contains("topic_deleted")
                || description.contains("topic_closed");
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
            case SEND, APPEND, INDICATOR -> {
                if (success && result.messageId() != null) {
                    r.messageIds.add(result.messageId());
                    r.shown.add(step.key());
                    r.lastEditAt = clock.millis(); // the next edit waits the interval too
                    if (step.sealPrefix() != null) {
                        r.sealed = step.sealed();
                        r.sealedPrefix = step.sealPrefix();
                    }
                    if (step.kind() == Step.Kind.APPEND) {
                        r.appendedUntil = step.shownAnswer().length();
                    } else if (step.kind() == Step.Kind.INDICATOR) {
                        r.indicatorSent = step.text();
                    }
                    shown(r, step);
                    rememberKeyboard(r, step, result.messageId());
                    sent.put(r.ref, r.toSentRef());
                } else {
                    log.error(
                            "Telegram rejected a message for {} in chat {}: {} {}",
                            r.ref,
                            r.chatId,
                            result.errorCode(),
                            result.description());
                    r.abandoned = true;
                    r.failure = "Telegram rejected it: " + result.errorCode() + " " + result.description();
                }
            }
            case EDIT -> {
                r.lastEditAt = clock.millis();
                r.edits++;
                if (success) {
                    r.editFailures = 0;
                    r.shown.set(step.index(), step.key());
                    if (r.appendMode) {
                        r.buttonsAttached = true;
                    }
                    shown(r, step);
                    rememberKeyboard(r, step, step.messageId());
                } else {
                    r.editFailures++;
                    log.warn(
                            "Telegram rejected an edit of {} in chat {}: {} {} ({} in a row)",
                            r.ref,
                            r.chatId,
                            result.errorCode(),
                            result.description(),
                            r.editFailures);
                    if (r.appendMode) {
                        r.buttonsAttached = true; // nothing more to try
                    } else if (r.editFailures >= r.settings.maxEditFailures()) {
                        log.warn("Switching {} to append mode after {} failed edits", r.ref, r.editFailures);
                        r.appendMode = true;
                        r.appendedUntil = r.lastShownAnswer.length();
                    } else {
                        r.shown.set(step.index(), step.key()); // do not retry this exact text
                    }
                }
            }
            case DELETE -> {
                r.messageIds.remove(step.index());
                r.shown.remove(step.index());
                sent.put(r.ref, r.toSentRef());
            }
        }
    }

    private void rememberKeyboard(Rendering r, Step step, @Nullable Integer messageId) {
        if (r.answerKeyboard && messageId != null && !step.buttons().isEmpty()) {
            answers.shown(r.chatId, messageId, step.text(), step.buttons());
        }
    }

    /** Bookkeeping after text became visible: staleness and what the fallback continues from. */
    private void shown(Rendering r, Step step) {
        if (step.kind() == Step.Kind.INDICATOR) {
            return;
        }
        if (step.shownAnswer().length() >= r.lastShownAnswer.length() || r.closed) {
            r.lastShownAnswer = step.shownAnswer();
        }
        if (r.unshownSince != 0 && step.shownAnswer().equals(r.displayAnswer())) {
            metrics.visibleAfter(clock.millis() - r.unshownSince);
            r.unshownSince = 0;
        }
    }

    private static @Nullable Step nextStep(Rendering r) {
        if (r.appendMode) {
            return nextAppendStep(r);
        }
        Rendering.Plan plan = r.plan();
        List<String> chunks = plan.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            List<List<Button>> buttons = r.buttonsFor(i, chunks.size());
            boolean last = i == chunks.size() - 1;
            String shownAnswer = last ? plan.answer() : "";
            if (i >= r.messageIds.size()) {
                String sealPrefix =
                        i == 0 ? null : plan.text().substring(0, plan.starts().get(i));
                return new Step(
                        Step.Kind.SEND,
                        i,
                        null,
                        chunks.get(i),
                        buttons,
                        shownAnswer,
                        sealPrefix,
                        List.copyOf(plan.raw().subList(0, i)));
            }
            if (!Rendering.key(chunks.get(i), buttons).equals(r.shown.get(i))) {
                return new Step(
                        Step.Kind.EDIT, i, r.messageIds.get(i), chunks.get(i), buttons, shownAnswer, null, List.of());
            }
        }
        if (r.closed && !chunks.isEmpty() && r.messageIds.size() > chunks.size()) {
            int last = r.messageIds.size() - 1;
            return Step.of(Step.Kind.DELETE, last, r.messageIds.get(last), "", List.of());
        }
        return null;
    }

    /**
     * Append mode (spec §3.11, {@code append_mode} or the fallback): every released piece of text and every
     * indicator is a new message; the close attaches the keyboard to the last message.
     */
    private static @Nullable Step nextAppendStep(Rendering r) {
        String answer = r.displayAnswer();
        if (answer.length() > r.appendedUntil && answer.startsWith(r.lastShownAnswer)) {
            String rest = answer.substring(r.appendedUntil);
            if (!rest.isBlank()) {
                String piece = TextSplitter.split(rest.strip()).getFirst();
                int end = rest.indexOf(piece) + piece.length();
                String shownAnswer = answer.substring(0, r.appendedUntil + end);
                return new Step(
                        Step.Kind.APPEND, r.messageIds.size(), null, piece, List.of(), shownAnswer, null, List.of());
            }
        }
        String indicator = r.indicator();
        if (indicator != null && !indicator.equals(r.indicatorSent)) {
            return Step.of(Step.Kind.INDICATOR, r.messageIds.size(), null, indicator, List.of());
        }
        if (r.closed && !r.buttons.isEmpty() && !r.buttonsAttached && !r.messageIds.isEmpty()) {
            int last = r.messageIds.size() - 1;
            String lastText = r.shown.get(last);
            if (lastText != null) {
                return Step.of(Step.Kind.EDIT, last, r.messageIds.get(last), lastText, r.buttons);
            }
        }
        return null;
    }

    private void finish(Rendering r) {
        String failure = r.failure;
        // A rendering Telegram refused for good is not "delivered": its commands go to the DLQ (counted,
        // alerted), not acked as if the user had seen them.
        r.waiters.forEach(w -> {
            if (failure == null) {
                w.complete(null);
            } else {
                w.completeExceptionally(new IllegalStateException(failure));
            }
        });
        r.waiters.clear();
        r.supersedable = null;
        if (r.closed) {
            sent.put(r.ref, r.toSentRef());
            if (active.remove(r.ref, r)) {
                metrics.streamClosed(r.edits);
            }
        }
    }
}
