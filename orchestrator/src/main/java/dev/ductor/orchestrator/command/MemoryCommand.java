package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingMemory;
import org.springframework.stereotype.Component;

/** {@code /memory}. */
@Component
class MemoryCommand extends NamedCommand {

    private final ShowingMemory memory;
    private final Replies replies;

    MemoryCommand(ShowingMemory memory, Replies replies) {
        super("memory", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.memory = memory;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), memory.memory(), message.transportMessageId());
    }
}
