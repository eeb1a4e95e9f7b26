package dev.ductor.orchestrator.command;

import dev.ductor.model.ChatType;
import dev.ductor.model.InboundMessage;

/**
 * A hidden command of private chats ({@code /where}, {@code /leave}): in a group it is no command, and no
 * unknown one either, but text for the agent.
 */
abstract class PrivateChatCommand extends NamedCommand {

    PrivateChatCommand(String name) {
        super(name, MenuEntry.Section.BROWSE, MenuEntry.Popup.NONE);
    }

    @Override
    public final boolean matches(InboundMessage message) {
        return ChatType.of(message.chatType()) == ChatType.PRIVATE && super.matches(message);
    }
}
