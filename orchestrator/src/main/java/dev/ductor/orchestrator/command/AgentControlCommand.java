package dev.ductor.orchestrator.command;

import dev.ductor.model.ControlAgent.Action;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.agents.ControllingAgents;
import dev.ductor.orchestrator.reply.Replies;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** {@code /agent_start}, {@code /agent_stop}, {@code /agent_restart} {@code <name>} (behaviour §2.21). */
abstract class AgentControlCommand extends NamedCommand {

    private final Action action;
    private final ControllingAgents agents;
    private final Replies replies;

    AgentControlCommand(Action action, ControllingAgents agents, Replies replies) {
        super(
                "agent_" + action.name().toLowerCase(Locale.ROOT),
                MenuEntry.Section.MULTI_AGENT,
                MenuEntry.Popup.MULTI_AGENT);
        this.action = action;
        this.agents = agents;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        String answer = agents.answer(
                entry().orElseThrow().command(), action, arguments(message), message.transportMessageId());
        replies.text(message.chat(), answer, message.transportMessageId());
    }

    @Component
    static class Start extends AgentControlCommand {
        Start(ControllingAgents agents, Replies replies) {
            super(Action.START, agents, replies);
        }
    }

    @Component
    static class Stop extends AgentControlCommand {
        Stop(ControllingAgents agents, Replies replies) {
            super(Action.STOP, agents, replies);
        }
    }

    @Component
    static class Restart extends AgentControlCommand {
        Restart(ControllingAgents agents, Replies replies) {
            super(Action.RESTART, agents, replies);
        }
    }
}
