package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.agents.ListingAgents;
import dev.ductor.orchestrator.reply.Replies;
import org.springframework.stereotype.Component;

/** {@code /agents} (behaviour §2.21): the agents with their status, answered at once. */
@Component
class AgentsCommand extends NamedCommand {

    private final ListingAgents agents;
    private final Replies replies;

    AgentsCommand(ListingAgents agents, Replies replies) {
        super("agents", MenuEntry.Section.MULTI_AGENT, MenuEntry.Popup.MULTI_AGENT);
        this.agents = agents;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), agents.answer(), message.transportMessageId());
    }
}
