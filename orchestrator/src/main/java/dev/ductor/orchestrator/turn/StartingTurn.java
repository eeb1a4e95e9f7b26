package dev.ductor.orchestrator.turn;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Traces;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.chats.ChatTracker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.EffectiveRuntime;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionData;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.state.StateNotWritten;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a CLI turn for a user message: resolves the session, journals the turn, opens the stream in
 * the chat, hands the RunRequest to the runners and only then settles the inbound delivery. If the
 * broker refuses the RunRequest, the journal entry is rolled back and the message requeued.
 */
@Component
public class StartingTurn {

    private static final Logger log = LoggerFactory.getLogger(StartingTurn.class);

    private final SessionStore sessions;
    private final TurnJournal journal;
    private final Replies replies;
    private final Bus bus;
    private final ConfigStore config;
    private final DuctorHome home;
    private final ModelRegistry models;
    private final ChatTracker tracker;
    private final RunRequests requests;
    private final RefusingMessage refusing;
    private final EffectiveRuntime runtime;
    private final Texts texts;

    StartingTurn(
            SessionStore sessions,
            TurnJournal journal,
            Replies replies,
            Bus bus,
            ConfigStore config,
            DuctorHome home,
            ModelRegistry models,
            ChatTracker tracker,
            RunRequests requests,
            RefusingMessage refusing,
            EffectiveRuntime runtime,
            Texts texts) {
        this.refusing = refusing;
        this.runtime = runtime;
        this.texts = texts;
        this.tracker = tracker;
        this.requests = requests;
        this.sessions = sessions;
        this.journal = journal;
        this.replies = replies;
        this.bus = bus;
        this.config = config;
        this.home = home;
        this.models = models;
    }

    /**
     * Starts the turn: true once the RunRequest is with the broker (nothing after that can undo it),
     * false when the message was already handled (a copy that waited in the queue) or cannot be accepted
     * because its session or journal entry cannot be written (the user is told, {@link RefusingMessage})
     * — it is settled and nothing runs. Throws only when the turn was not handed over.
     */
    public boolean start(PendingMessage pending, String runId) {
        @Nullable String outer = Traces.current();
        Traces.enter(pending.traceparent());
        try {
            return startTraced(pending, runId);
        } catch (StateNotWritten e) {
            // Only the steps before the hand-over write state: nothing was sent to the runners.
            refusing.refuse(pending.message(), pending.acker(), e);
            return false;
        } finally {
            Traces.enter(outer);
        }
    }

    private boolean startTraced(PendingMessage pending, String runId) {
        if (journal.seen(pending.key())) {
            log.info("Message {} was already handled; not running it again", pending.key());
            pending.acker().ack();
            return false;
        }
        InboundMessage message = pending.message();
        var directive = ModelDirective.parse(message.text(), models::isKnown);
        if (directive.model() != null) {
            // ductor persists the override on the session: later messages keep it until /model or /new.
            sessions.retarget(message.chat(), models.providerOf(directive.model()), directive.model());
            message = new InboundMessage(
                    message.chat(),
                    message.chatType(),
                    message.userId(),
                    message.userName(),
                    message.transportMessageId(),
                    directive.text(),
                    message.quotedText(),
                    message.addressed(),
                    message.sentAt(),
                    message.nativeChatId(),
                    message.nativeUserId());
        }
        DuctorConfig current = config.current();
        SessionData session = sessions.resolve(message.chat());
        ChatRef chat = message.chat();
        if (chat.topicId() != null && session.topicName() == null) {
            tracker.topicName(chat).ifPresent(name -> sessions.nameTopic(chat, name));
        }
        var target = runtime.of(session.provider(), session.model());
        var bucket = session.bucket(target.provider());
        boolean fresh = bucket.sessionId() == null;
        var request = new RunRequest(
                runId,
                message.chat(),
                target.provider(),
                target.model(),
                current.reasoningEffort(),
                current.permissionMode(),
                PromptBuilder.prompt(message, bucket.messageCount()),
                fresh ? mainMemory() : null,
                bucket.sessionId(),
                current.timeouts().normal(),
                current.cliParameters().forProvider(target.provider()),
                current.maxTurns(),
                current.maxBudgetUsd());
        var turn = new InflightTurn(
                runId,
                message.chat(),
                message.transportMessageId(),
                target.provider(),
                target.model(),
                preview(message.text()),
                Instant.now(),
                InflightTurn.Phase.ACCEPTED,
                fresh);
        journal.accept(pending.key(), turn);
        try {
            if (runtime.tell(chat, target)) {
                replies.runText(
                        runId,
                        "fallback",
                        chat,
                        texts.t(
                                "runtime.fallback",
                                "wanted",
                                target.instead(),
                                "provider",
                                target.provider(),
                                "model",
                                target.model()),
                        message.transportMessageId());
            }
            replies.streamOpen(runId, message.chat(), message.transportMessageId());
            bus.toRunners(request, runId);
        } catch (RuntimeException e) {
            journal.forget(pending.key(), runId);
            throw e;
        }
        // Handed over: from here on nothing may propagate, or the caller would treat a live run as not started.
        requests.handedOver(request);
        try {
            journal.advance(runId, InflightTurn.Phase.QUEUED);
        } catch (RuntimeException e) {
            log.warn("Could not journal turn {} as queued: {}", runId, e.toString());
        }
        pending.acker().ack();
        log.info(
                "Turn {} for {} queued for the runners ({} {}, {})",
                runId,
                message.chat().storageKey(),
                target.provider(),
                target.model(),
                fresh ? "new CLI session" : "resuming " + bucket.sessionId());
        try {
            replies.typing(runId, message.chat());
        } catch (RuntimeException e) {
            log.debug("Typing indicator for {} not sent: {}", runId, e.toString());
        }
        return true;
    }

    /**
     * Runs a failed turn's prompt once more in a new CLI session (behaviour §4.6) under the new run id; the
     * caller reset the provider's bucket. Its stream opens replying to the same message, with the
     * {@code recovering} status before the retry's output.
     */
    public void restartFresh(InflightTurn failed, RunRequest original, String newRunId) {
        var request = original.fresh(newRunId, mainMemory());
        var turn = new InflightTurn(
                newRunId,
                failed.chat(),
                failed.replyTo(),
                failed.provider(),
                failed.model(),
                failed.promptPreview(),
                Instant.now(),
                InflightTurn.Phase.ACCEPTED,
                true);
        journal.accept("retry:" + newRunId, turn);
        replies.streamOpen(newRunId, failed.chat(), failed.replyTo());
        try {
            // seq 0: before the runner's first output (its sequence starts at 1); only a status, so a
            // broker blip here must not keep the retry from the runners
            replies.streamStatus(newRunId, failed.chat(), 0, "system", "recovering");
        } catch (RuntimeException e) {
            log.warn("Could not show the recovering status of {}: {}", newRunId, e.toString());
        }
        bus.toRunners(request, newRunId);
        journal.advance(newRunId, InflightTurn.Phase.QUEUED);
        requests.handedOver(request);
        log.info("Turn {} failed in its session; retried once in a fresh session as {}", failed.runId(), newRunId);
    }

    /** What a new session's system prompt gets: MAINMEMORY.md, and the roster of the other agents (§5.8). */
    private @Nullable String mainMemory() {
        Path file = home.workspace().resolve("memory_system").resolve("MAINMEMORY.md");
        String memory = null;
        try {
            if (Files.isRegularFile(file)) {
                String content = Files.readString(file);
                memory = content.isBlank() ? null : content;
            }
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", file, e.getMessage());
        }
        Optional<String> roster = AgentRoster.block(home, bus.topology().agent());
        if (roster.isEmpty()) {
            return memory;
        }
        return memory == null ? roster.get() : memory.stripTrailing() + "\n\n" + roster.get();
    }

    private static String preview(String text) {
        return text.length() > 100 ? text.substring(0, 100) : text;
    }
}
