package dev.ductor.orchestrator.named;

import dev.ductor.model.ChatRef;
import org.springframework.stereotype.Component;

/**
 * {@code /stop} outside a topic (behaviour §2.7): the chat's named session runs are stopped and all its
 * named sessions end; in a topic they are left alone.
 */
@Component
public class StoppingNamedSessions {

    private final NamedRuns runs;
    private final SessionsSelector selector;

    StoppingNamedSessions(NamedRuns runs, SessionsSelector selector) {
        this.runs = runs;
        this.selector = selector;
    }

    /** True when a named run was going and was stopped. */
    public boolean stop(ChatRef chat) {
        if (chat.topicId() != null) {
            return false;
        }
        boolean stopped = !runs.cancelAll(chat.chatId()).isEmpty();
        selector.endAll(chat.chatId());
        return stopped;
    }
}
