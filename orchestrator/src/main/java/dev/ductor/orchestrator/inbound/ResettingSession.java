package dev.ductor.orchestrator.inbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import org.springframework.stereotype.Component;

/** {@code /new} (spec §2.5): a fresh CLI session for the default provider; other buckets stay. */
@Component
class ResettingSession {

    private final SessionStore sessions;
    private final ConfigStore config;
    private final Replies replies;

    ResettingSession(SessionStore sessions, ConfigStore config, Replies replies) {
        this.sessions = sessions;
        this.config = config;
        this.replies = replies;
    }

    void reset(InboundMessage message) {
        sessions.resetToDefault(message.chat());
        replies.text(message.chat(), Texts.sessionReset(config.current().provider()), message.transportMessageId());
    }
}
