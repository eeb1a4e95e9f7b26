package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import java.io.UncheckedIOException;
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
 * Brings each stream (or outboundRef) to what it should show, one Bot API call at a time through the
 * {@link Outbox}: the first text is sent as a reply, later texts edit it at most every
 * {@code edit_interval_seconds} (in a private chat whose Bot API offers drafts, the growing text shows as a
 * draft instead, at the same pace, and the close sends it), text over 4096 characters continues in new messages, the close shows
 * exactly the final text with its buttons and removes messages it no longer needs. Stream appends are
 * deltas rebuilt into the answer ({@link dev.ductor.stream.StreamText}); an append whose text was
 * superseded before it was shown completes at once (its text is persisted with the answer). Which call comes
 * next is {@link StepPlanner}'s choice, how it goes out {@link StepSender}'s; {@link StreamState} keeps
 * the rest.
 */
final class Renderer {

    private static final Logger log = LoggerFactory.getLogger(Renderer.class);

    private final Outbox outbox;
    private final SentMessages sent;
    private final Supplier<StreamSettings> settings;
    private final StreamMetrics metrics;
    private final FileTags files;
    private final AnsweredButtons answers;
    private final StepSender sender;
    private final InstantSource clock;
    private final Scheduler timers;
    private final Drafts drafts;
    private final Map<String, StreamState> active = new ConcurrentHashMap<>();

    /** How long a draft may go without an update before it is shown again (Telegram keeps one ~30 s). */
    static final Duration DRAFT_KEEP_ALIVE = Duration.ofSeconds(20);

    /** {@code clock} times edits and latencies; {@code timers} runs the coalescer's idle flushes. */
    Renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            Supplier<StreamSettings> settings,
            StreamMetrics metrics,
            FileTags files,
            AnsweredButtons answers,
            InstantSource clock,
            Scheduler timers,
            Drafts drafts) {
        this.drafts = drafts;
        this.outbox = outbox;
        this.sent = sent;
        this.settings = settings;
        this.metrics = metrics;
        this.files = files;
        this.answers = answers;
        this.sender = new StepSender(telegram);
        this.clock = clock;
        this.timers = timers;
    }

    /** A stream begins: remember where its first message goes (persisted, the open is acked after this). */
    CompletableFuture<Void> open(String streamId, ChatRef chat, @Nullable String replyTo) {
        if (sent.find(streamId).isEmpty()) {
            sent.put(streamId, newRef(chat, replyTo));
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * More of the answer, {@code text} from {@code offset} on. The rebuilt answer is persisted before the
     * append can be acked (it is acked when shown or superseded, and on disk), so the text of an acked append
     * survives a crash of this gateway; when the disk refuses it the append stays unacked until a retry (or a
     * later append) puts it there.
     */
    CompletableFuture<Void> append(String streamId, ChatRef chat, long offset, String text) {
        StreamState s = state(streamId, chat, null);
        synchronized (s) {
            if (s.closed()) {
                return CompletableFuture.completedFuture(null); // the close carries the whole answer
            }
            boolean changed = s.text(offset, text, clock.millis());
            CompletableFuture<Void> saved = save(s);
            if (!changed) {
                return saved; // a repeat or a delta behind a gap: done once what the stream holds is on disk
            }
            if (s.coalesce()) {
                s.idle(timers.schedule(Duration.ofMillis(s.settings.idleMs()), () -> idleFlush(s)));
            }
            CompletableFuture<Void> shown = latest(s);
            return saved.isDone() ? shown : CompletableFuture.allOf(saved, shown);
        }
    }

    /** Puts {@code s}'s text on disk: done at once, or when a retry succeeds. Holds s. */
    private CompletableFuture<Void> save(StreamState s) {
        if (trySave(s)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> saved = s.unsaved.add();
        s.unsaved.retryLater(timers, () -> retrySave(s));
        return saved;
    }

    private boolean trySave(StreamState s) {
        try {
            sent.saveText(s.ref, s.streamedText());
            s.unsaved.saved();
            return true;
        } catch (UncheckedIOException e) {
            log.warn("Cannot persist the streamed text of {} ({}); its appends stay unacked", s.ref, e.toString());
            return false;
        }
    }

    private void retrySave(StreamState s) {
        synchronized (s) {
            s.unsaved.retrying();
            if (s.unsaved.any() && !trySave(s)) {
                s.unsaved.retryLater(timers, () -> retrySave(s));
            }
        }
    }

    private void keepDraft(StreamState s) {
        synchronized (s) {
            if (s.refreshDraft(clock.millis(), DRAFT_KEEP_ALIVE.toMillis()) && s.queued() == null) {
                schedule(s, false);
            }
        }
    }

    private void idleFlush(StreamState s) {
        synchronized (s) {
            if (s.idleFlush() && s.queued() == null) {
                schedule(s, false);
            }
        }
    }

    CompletableFuture<Void> status(String streamId, ChatRef chat, long seq, String line) {
        StreamState s = state(streamId, chat, null);
        synchronized (s) {
            return s.status(line) ? latest(s) : CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Shows exactly {@code text} (split if needed) with {@code buttons}; used by close, SendText and EditText.
     * Only for the agent's answers ({@code agentMarkup}) are {@code [button:…]} and {@code <file:…>} read.
     */
    CompletableFuture<Void> close(
            String ref,
            ChatRef chat,
            @Nullable String replyTo,
            String text,
            List<List<Button>> buttons,
            boolean agentMarkup) {
        StreamState s = state(ref, chat, replyTo);
        AnswerMarkup markup = agentMarkup ? AnswerMarkup.parse(text) : AnswerMarkup.plain(text);
        synchronized (s) {
            s.close(markup, buttons, clock.millis());
            CompletableFuture<Void> done = s.waiters.add();
            Outbox.Task queued = s.queued();
            if (queued != null) {
                queued.expedite();
            } else {
                schedule(s, false);
            }
            List<String> tagged = markup.files();
            return tagged.isEmpty() ? done : done.thenCompose(v -> files.send(s.chatId, s.threadId, tagged));
        }
    }

    /**
     * Completes when what is pending for {@code ref} has been carried out (at once when nothing is), so a
     * command about that message (a pin) follows the send it refers to.
     */
    CompletableFuture<Void> settled(String ref) {
        StreamState s = active.get(ref);
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (s) {
            return s.waiters.any() ? s.waiters.add() : CompletableFuture.completedFuture(null);
        }
    }

    /** Whether the gateway knows messages for {@code ref} (an EditText or DeleteMessage needs them). */
    boolean knows(String ref) {
        return active.containsKey(ref) || sent.find(ref).isPresent();
    }

    private CompletableFuture<Void> latest(StreamState s) {
        CompletableFuture<Void> done = s.waiters.latest();
        if (s.queued() == null) {
            schedule(s, false);
        }
        return done;
    }

    private StreamState state(String ref, ChatRef chat, @Nullable String replyTo) {
        return active.computeIfAbsent(
                ref,
                key -> new StreamState(
                        key,
                        sent.find(key).orElseGet(() -> newRef(chat, replyTo)),
                        settings.get(),
                        sent.text(key).orElse(null),
                        drafts.offered(chat.chatId())));
    }

    private static SentRef newRef(ChatRef chat, @Nullable String replyTo) {
        return new SentRef(chat.chatId(), chat.topicId(), Outbox.parseMessageId(replyTo), List.of(), false);
    }

    /** Queues the next step of {@code s}, or completes its waiters when nothing is left to do. Holds s. */
    private void schedule(StreamState s, boolean continuation) {
        Step step = next(s);
        if (step == null) {
            finish(s);
            return;
        }
        boolean paced = step.kind() == Step.Kind.EDIT || step.kind() == Step.Kind.DRAFT;
        long notBefore = paced && !s.closed() ? s.nextEditAt() : 0;
        AtomicReference<@Nullable Step> taken = new AtomicReference<>();
        Outbox.Task task = continuation
                ? outbox.submitNext(s.chatId, true, notBefore, () -> run(s, taken))
                : outbox.submit(s.chatId, true, notBefore, () -> run(s, taken));
        s.queued(task);
        task.future().whenComplete((result, error) -> {
            if (error != null || result == null) {
                abandon(s, error); // never leave the waiters hanging: the command is rejected (DLQ), not held
                return;
            }
            try {
                completed(s, taken.get(), result);
            } catch (RuntimeException e) {
                abandon(s, e);
            }
        });
    }

    /** The outbox's turn: plans again (newer text may have come in since it was queued) and sends. */
    private ApiResult run(StreamState s, AtomicReference<@Nullable Step> taken) {
        Step step;
        @Nullable Step instead;
        synchronized (s) {
            s.queued(null);
            step = next(s);
            instead = step != null && step.kind() == Step.Kind.DRAFT ? StepPlanner.insteadOfDraft(s) : null;
            taken.set(step);
        }
        if (step == null) {
            return ApiResult.nothingToDo();
        }
        ApiResult result = sender.send(s, step);
        if (step.kind() != Step.Kind.DRAFT || !result.permanentFailure()) {
            return result; // a draft that failed transiently is retried by the outbox, planned anew
        }
        // behaviour §3.11: a refused draft leaves the stream as edit mode would have shown it — what edit
        // mode planned at the same moment goes out in this turn of the outbox, before anything newer
        drafts.answered(result);
        log.info(
                "Telegram refused a draft of {} ({} {}); it goes on by edits",
                s.ref,
                result.errorCode(),
                result.description());
        synchronized (s) {
            s.stopDrafting();
            taken.set(instead);
        }
        return instead == null ? ApiResult.nothingToDo() : sender.send(s, instead);
    }

    /**
     * The next step of {@code s}; a stream still drafting when the bot has learnt that the Bot API does not
     * offer drafts goes on by edits without asking again (one refusal per gateway run). Holds s.
     */
    private @Nullable Step next(StreamState s) {
        if (s.drafting() && !drafts.offered(s.chatId)) {
            s.stopDrafting();
        }
        return StepPlanner.next(s);
    }

    private void completed(StreamState s, @Nullable Step step, ApiResult result) {
        synchronized (s) {
            if (step != null) {
                if (step.kind() == Step.Kind.DRAFT && result.ok()) {
                    timers.schedule(DRAFT_KEEP_ALIVE, () -> keepDraft(s));
                }
                StreamState.Applied applied = s.applied(step, result, clock.millis());
                if (applied.keyboardOn() != null) {
                    answers.shown(s.chatId, applied.keyboardOn(), step.text(), step.buttons());
                }
                if (applied.visibleAfterMs() >= 0) {
                    metrics.visibleAfter(applied.visibleAfterMs());
                }
                if (applied.messagesChanged()) {
                    sent.put(s.ref, s.toSentRef());
                }
            }
            if (s.queued() == null) {
                schedule(s, true);
            }
        }
    }

    private void abandon(StreamState s, @Nullable Throwable error) {
        log.error("Rendering step for {} failed", s.ref, error);
        synchronized (s) {
            s.abandon("rendering failed: " + error);
            finish(s);
        }
    }

    private void finish(StreamState s) {
        s.waiters.settle(s.failure(), s.chatRefused());
        if (s.closed()) {
            sent.put(s.ref, s.toSentRef());
            sent.saveText(s.ref, ""); // the close brought the whole answer: nothing to keep
            s.unsaved.saved();
            if (active.remove(s.ref, s)) {
                metrics.streamClosed(s.edits());
            }
        }
    }
}
