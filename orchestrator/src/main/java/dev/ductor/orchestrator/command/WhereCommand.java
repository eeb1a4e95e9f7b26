package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.chats.GroupCommands;
import dev.ductor.orchestrator.reply.Replies;
import org.springframework.stereotype.Component;

/** {@code /where}: the groups the bot is in; private chats only (in a group it is text for the agent). */
@Component
class WhereCommand extends PrivateChatCommand {

    private final GroupCommands groups;
    private final Replies replies;

    WhereCommand(GroupCommands groups, Replies replies) {
        super("where");
        this.groups = groups;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), groups.where(), message.transportMessageId());
    }
}
