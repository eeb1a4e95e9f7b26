package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.chats.GroupCommands;
import dev.ductor.orchestrator.reply.Replies;
import org.springframework.stereotype.Component;

/** {@code /leave <group id>}: the bot leaves that group; private chats only. */
@Component
class LeaveCommand extends PrivateChatCommand {

    private final GroupCommands groups;
    private final Replies replies;

    LeaveCommand(GroupCommands groups, Replies replies) {
        super("leave");
        this.groups = groups;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        String text = message.text().strip();
        String argument = text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : "";
        replies.text(message.chat(), groups.leave(message.chat(), argument), message.transportMessageId());
    }
}
