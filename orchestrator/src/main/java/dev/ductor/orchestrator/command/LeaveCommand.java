package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.chats.GroupCommands;
import dev.ductor.orchestrator.reply.Replies;
import org.springframework.stereotype.Component;

/** {@code /leave <group id>}: the bot leaves that group; private chats only. */
@Component
class LeaveCommand extends NamedCommand {

    private final GroupCommands groups;
    private final Replies replies;

    LeaveCommand(GroupCommands groups, Replies replies) {
        super("leave", MenuEntry.Section.BROWSE, MenuEntry.Popup.NONE);
        this.groups = groups;
        this.replies = replies;
    }

    @Override
    public boolean matches(InboundMessage message) {
        return message.chatType().equals("private") && super.matches(message);
    }

    @Override
    public void handle(InboundMessage message) {
        String text = message.text().strip();
        String argument = text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : "";
        replies.text(message.chat(), groups.leave(message.chat(), argument), message.transportMessageId());
    }
}
