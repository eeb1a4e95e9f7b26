package dev.ductor.orchestrator.inbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.chats.RecordingGroupMessages;
import dev.ductor.orchestrator.command.ChatCommands;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.turn.AdmittingTurn;
import dev.ductor.orchestrator.turn.GeminiLogin;
import dev.ductor.orchestrator.turn.RefusingMessage;
import dev.ductor.state.StateNotWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gate for one user message (behaviour §3.1): deduplication, authorisation and group rules; then the
 * first of the {@link ChatCommands} that takes it, or else a turn now or a place in the chat's queue.
 * A message whose state cannot be written (full or read-only disk) is answered, not dead-lettered
 * ({@link RefusingMessage}).
 */
@Component
class ReceivingMessage {

    private static final Logger log = LoggerFactory.getLogger(ReceivingMessage.class);

    private final TurnJournal journal;
    private final Authorizer authorizer;
    private final ConfigStore config;
    private final RecordingGroupMessages groups;
    private final ChatCommands commands;
    private final GeminiLogin geminiLogin;
    private final Replies replies;
    private final AdmittingTurn admitting;
    private final OrchestratorMetrics metrics;
    private final RefusingMessage refusing;

    ReceivingMessage(
            TurnJournal journal,
            Authorizer authorizer,
            ConfigStore config,
            RecordingGroupMessages groups,
            ChatCommands commands,
            GeminiLogin geminiLogin,
            Replies replies,
            AdmittingTurn admitting,
            OrchestratorMetrics metrics,
            RefusingMessage refusing) {
        this.refusing = refusing;
        this.journal = journal;
        this.authorizer = authorizer;
        this.config = config;
        this.groups = groups;
        this.commands = commands;
        this.geminiLogin = geminiLogin;
        this.replies = replies;
        this.admitting = admitting;
        this.metrics = metrics;
    }

    void receive(InboundMessage message, Acker acker) {
        ChatRef chat = message.chat();
        String key = keyOf(message);
        String transport = chat.transport();
        if (duplicate(key, transport, acker)) {
            return;
        }
        boolean authorised = authorizer.allows(message);
        groups.heard(message, authorised); // best effort: never holds the message up
        if (!authorised) {
            log.info(
                    "Message {} from user {} in {} chat not allowed; dropped without reply",
                    key,
                    message.userId(),
                    message.chatType());
            metrics.inbound(transport, "unauthorized");
            acker.ack();
            return;
        }
        boolean group = ChatType.of(message.chatType()) != ChatType.PRIVATE;
        if (group && config.current().groupMentionOnly() && !message.addressed()) {
            metrics.inbound(transport, "ignored");
            acker.ack();
            return;
        }
        try {
            if (commands.handle(message, () -> finishCommand(key, transport, acker))) {
                return;
            }
        } catch (StateNotWritten e) {
            refusing.refuse(message, acker, e); // a command whose state change cannot be saved
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
     * A press on a button of the agent's answer (behaviour §3.13): its label is the user's next prompt, a
     * normal turn under the chat's lock, never read as a command or stop word. The press was authorised
     * by {@link PressingButton}; the message the buttons belong to is the dedup key, so a redelivered press
     * or a second tap on the same keyboard runs no second turn.
     */
    void receiveButtonAnswer(InboundMessage answer, Acker acker) {
        String key = keyOf(answer);
        if (!duplicate(key, answer.chat().transport(), acker)) {
            enqueue(answer, key, acker);
        }
    }

    private static String keyOf(InboundMessage message) {
        return message.chat().transport() + ":" + message.chat().chatId() + ":" + message.transportMessageId();
    }

    private boolean duplicate(String key, String transport, Acker acker) {
        if (!journal.seen(key)) {
            return false;
        }
        log.info("Duplicate message {} dropped", key);
        metrics.inbound(transport, "duplicate");
        acker.ack();
        return true;
    }

    private void enqueue(InboundMessage message, String key, Acker acker) {
        admitting.admit(new PendingMessage(message, key, acker), true);
    }

    private void finishCommand(String key, String transport, Acker acker) {
        journal.markSeen(key);
        metrics.inbound(transport, "command");
        acker.ack();
    }
}
