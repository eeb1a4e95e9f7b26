package dev.ductor.orchestrator.inbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.chats.ChatTracker;
import dev.ductor.orchestrator.command.ChatCommands;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.turn.GeminiLogin;
import dev.ductor.orchestrator.turn.StartingTurn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gate for one user message (spec §3.1): deduplication, authorisation and group rules; then the
 * first of the {@link ChatCommands} that takes it, or else a turn now or a place in the chat's queue.
 */
@Component
class ReceivingMessage {

    private static final Logger log = LoggerFactory.getLogger(ReceivingMessage.class);

    private final TurnJournal journal;
    private final Authorizer authorizer;
    private final ConfigStore config;
    private final ChatTracker tracker;
    private final ChatCommands commands;
    private final GeminiLogin geminiLogin;
    private final Replies replies;
    private final Conversations conversations;
    private final QueueIndicators indicators;
    private final StartingTurn startingTurn;
    private final OrchestratorMetrics metrics;

    ReceivingMessage(
            TurnJournal journal,
            Authorizer authorizer,
            ConfigStore config,
            ChatTracker tracker,
            ChatCommands commands,
            GeminiLogin geminiLogin,
            Replies replies,
            Conversations conversations,
            QueueIndicators indicators,
            StartingTurn startingTurn,
            OrchestratorMetrics metrics) {
        this.journal = journal;
        this.authorizer = authorizer;
        this.config = config;
        this.tracker = tracker;
        this.commands = commands;
        this.geminiLogin = geminiLogin;
        this.replies = replies;
        this.conversations = conversations;
        this.indicators = indicators;
        this.startingTurn = startingTurn;
        this.metrics = metrics;
    }

    void receive(InboundMessage message, Acker acker) {
        ChatRef chat = message.chat();
        String key = chat.transport() + ":" + chat.chatId() + ":" + message.transportMessageId();
        String transport = chat.transport();
        if (journal.seen(key)) {
            log.info("Duplicate message {} dropped", key);
            metrics.inbound(transport, "duplicate");
            acker.ack();
            return;
        }
        boolean group = !message.chatType().equals("private");
        if (group
                && transport.equals("tg")
                && !Authorizer.chatAllowed(config.current(), message.chatType(), chat.chatId())) {
            // Recorded so /where shows the new Telegram group's id (spec §3.2); never answered. Matrix rooms
            // are allowed by allowed_rooms, not by this list.
            bestEffort(() -> tracker.rejected(chat, message.chatType()));
        }
        if (!authorizer.allows(message)) {
            log.info(
                    "Message {} from user {} in {} chat not allowed; dropped without reply",
                    key,
                    message.userId(),
                    message.chatType());
            metrics.inbound(transport, "unauthorized");
            acker.ack();
            return;
        }
        if (group && transport.equals("tg")) {
            bestEffort(() -> tracker.active(chat, message.chatType()));
        }
        if (group && config.current().groupMentionOnly() && !message.addressed()) {
            metrics.inbound(transport, "ignored");
            acker.ack();
            return;
        }
        if (commands.handle(message, () -> finishCommand(key, transport, acker))) {
            return;
        }
        var refusal = geminiLogin.refusal(message);
        if (refusal.isPresent()) {
            replies.text(chat, refusal.get(), message.transportMessageId());
            finishCommand(key, transport, acker);
            return;
        }
        enqueue(message, key, acker);
    }

    /**
     * A press on a button of the agent's answer (spec §3.13): its label is the user's next prompt, a
     * normal turn under the chat's lock, never read as a command or stop word. The press was authorised
     * by {@link PressingButton}; the message the buttons belong to is the dedup key, so a redelivered press
     * or a second tap on the same keyboard runs no second turn.
     */
    void receiveButtonAnswer(InboundMessage answer, Acker acker) {
        ChatRef chat = answer.chat();
        String key = chat.transport() + ":" + chat.chatId() + ":" + answer.transportMessageId();
        if (journal.seen(key)) {
            log.info("Duplicate button press {} dropped", key);
            metrics.inbound(chat.transport(), "duplicate");
            acker.ack();
            return;
        }
        enqueue(answer, key, acker);
    }

    private void enqueue(InboundMessage message, String key, Acker acker) {
        ChatRef chat = message.chat();
        String transport = chat.transport();
        var pending = new PendingMessage(message, key, acker);
        var admission = conversations.admit(pending);
        if (admission.superseded() != null) {
            log.info("Message {} is already waiting in {}; the new delivery takes its place", key, chat.storageKey());
            metrics.inbound(transport, "duplicate");
            admission.superseded().ack();
            return;
        }
        if (!admission.started()) {
            log.info(
                    "Chat {} is busy; message {} waits ({} waiting)",
                    chat.storageKey(),
                    key,
                    conversations.waiting(chat));
            metrics.inbound(transport, "queued");
            indicators.show(pending);
            return;
        }
        metrics.inbound(transport, "started");
        boolean started;
        try {
            started = startingTurn.start(pending, admission.runId());
        } catch (RuntimeException e) {
            log.error("Could not hand the turn of {} to the runners; the message goes back to the broker", key, e);
            pending.acker().requeue();
            started = false;
        }
        if (!started) {
            conversations.complete(chat, admission.runId());
        }
    }

    /** The group tracker is bookkeeping: a failed write is logged, never the reason a message is lost. */
    private static void bestEffort(Runnable tracking) {
        try {
            tracking.run();
        } catch (RuntimeException e) {
            log.warn("Could not update the chat tracker: {}", e.toString());
        }
    }

    private void finishCommand(String key, String transport, Acker acker) {
        journal.markSeen(key);
        metrics.inbound(transport, "command");
        acker.ack();
    }
}
