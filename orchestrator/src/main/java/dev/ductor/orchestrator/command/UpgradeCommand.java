package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingAbout;
import org.springframework.stereotype.Component;

/** {@code /upgrade} (behaviour §2.19): the running version and how this deployment is upgraded. */
@Component
class UpgradeCommand extends NamedCommand {

    private final ShowingAbout about;
    private final Replies replies;

    UpgradeCommand(ShowingAbout about, Replies replies) {
        super("upgrade", MenuEntry.Section.MAINTENANCE, MenuEntry.Popup.CORE);
        this.about = about;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), about.upgrade(), message.transportMessageId());
    }
}
