package dev.ductor.orchestrator.agents;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.orchestrator.conversation.Conversations;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many turns run now in the chats of every agent this orchestrator serves: its own and, on the main
 * agent, each sub-agent's (behaviour §2.9: {@code /stop_all} stops them all and says how many).
 */
@Component
public final class CountingRuns {

    private final Conversations conversations;
    private final @Nullable SubAgentContexts subAgents;

    @Autowired
    CountingRuns(Conversations conversations, ObjectProvider<SubAgentContexts> subAgents) {
        this(conversations, subAgents.getIfAvailable());
    }

    /** The runs of {@code conversations} and, when given, of each of these sub-agents'. */
    public CountingRuns(Conversations conversations, @Nullable SubAgentContexts subAgents) {
        this.conversations = conversations;
        this.subAgents = subAgents;
    }

    public int acrossAgents() {
        int count = conversations.activeRuns().size();
        SubAgentContexts agents = subAgents;
        if (agents != null) {
            for (Conversations other : agents.beans(Conversations.class)) {
                count += other.activeRuns().size();
            }
        }
        return count;
    }
}
