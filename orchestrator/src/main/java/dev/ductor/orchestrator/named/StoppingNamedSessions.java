package dev.ductor.orchestrator.named;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.background.ChatScopedRuns;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code /stop} outside a topic (behaviour §2.7): the chat's runs beside its conversation are stopped (its
 * named sessions' and the inter-agent asks it answers, {@link ChatScopedRuns}) and all its named sessions end
 * (the inter-agent ones too); in a topic they are left alone.
 */
@Component
public class StoppingNamedSessions {

    private final List<ChatScopedRuns> runs;
    private final SessionsSelector selector;

    StoppingNamedSessions(List<ChatScopedRuns> runs, SessionsSelector selector) {
        this.runs = runs;
        this.selector = selector;
    }

    /** True when a run was going and was stopped. */
    public boolean stop(ChatRef chat) {
        if (chat.topicId() != null) {
            return false;
        }
        boolean stopped = false;
        for (ChatScopedRuns scoped : runs) {
            stopped |= scoped.stopAll(chat);
        }
        selector.endAll(chat.chatId());
        return stopped;
    }
}
