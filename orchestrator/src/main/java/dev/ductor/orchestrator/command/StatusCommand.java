package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingStatus;
import org.springframework.stereotype.Component;

/** {@code /status}. */
@Component
class StatusCommand extends NamedCommand {

    private final ShowingStatus status;
    private final Replies replies;

    StatusCommand(ShowingStatus status, Replies replies) {
        super("status", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.status = status;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), status.status(message.chat()), message.transportMessageId());
    }
}
