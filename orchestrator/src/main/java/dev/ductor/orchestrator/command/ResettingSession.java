package dev.ductor.orchestrator.command;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.CancelRun;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import org.springframework.stereotype.Component;

/**
 * {@code /new} (behaviour §2.5): stops the chat's (or topic's) running turn, then a fresh CLI session for the
 * configured default provider, the target back to the default (#82); other buckets stay. And
 * {@code /reset}.
 */
@Component
class ResettingSession {

    private final SessionStore sessions;
    private final ConfigStore config;
    private final Conversations conversations;
    private final Replies replies;
    private final Bus bus;
    private final Texts texts;

    ResettingSession(
            SessionStore sessions,
            ConfigStore config,
            Conversations conversations,
            Replies replies,
            Bus bus,
            Texts texts) {
        this.texts = texts;
        this.sessions = sessions;
        this.config = config;
        this.conversations = conversations;
        this.replies = replies;
        this.bus = bus;
    }

    void reset(InboundMessage message) {
        stopRunningTurn(message);
        sessions.resetToDefault(message.chat());
        replies.text(message.chat(), texts.sessionReset(config.current().provider()), message.transportMessageId());
    }

    /**
     * {@code /reset} (behaviour §2.6): like {@code /new}, but for the provider the chat is on now, which it
     * stays on; without a session, the configured default. Trailing text is ignored.
     */
    void resetActive(InboundMessage message) {
        stopRunningTurn(message);
        // A missing or stale session resolves to a new one on the configured default.
        String provider = sessions.resolve(message.chat()).provider();
        sessions.resetProvider(message.chat(), provider);
        replies.text(message.chat(), texts.sessionReset(provider), message.transportMessageId());
    }

    private void stopRunningTurn(InboundMessage message) {
        conversations
                .activeRun(message.chat())
                .ifPresent(runId -> bus.control(new CancelRun(runId, CancelRun.Mode.STOP), runId));
    }
}
