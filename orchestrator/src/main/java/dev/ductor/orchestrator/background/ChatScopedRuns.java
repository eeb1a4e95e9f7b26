package dev.ductor.orchestrator.background;

import dev.ductor.model.ChatRef;

/**
 * Runs that go on beside a chat's conversation and end with it at {@code /stop} outside a topic (behaviour
 * §2.7): its named sessions' runs and the inter-agent asks it answers. A stopped run ends at its
 * {@code RunFinished} like any other, reported as stopped.
 */
public interface ChatScopedRuns {

    /** Asks the runners to stop every going run of {@code chat}; whether one was going. */
    boolean stopAll(ChatRef chat);

    /**
     * Whether a run of {@code runChat} is one of {@code stopped}'s: the same transport and chat id, any topic (a
     * Telegram chat and a Matrix room may share a number).
     */
    static boolean sameChat(ChatRef runChat, ChatRef stopped) {
        return runChat.chatId() == stopped.chatId() && runChat.transport().equals(stopped.transport());
    }
}
