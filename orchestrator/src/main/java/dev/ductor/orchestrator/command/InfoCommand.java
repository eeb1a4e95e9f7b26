package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingAbout;
import org.springframework.stereotype.Component;

/** {@code /info} (behaviour §2.4). */
@Component
class InfoCommand extends NamedCommand {

    private final ShowingAbout about;
    private final Replies replies;

    InfoCommand(ShowingAbout about, Replies replies) {
        super("info", MenuEntry.Section.BROWSE, MenuEntry.Popup.CORE);
        this.about = about;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(
                message.chat(), about.info(Transport.of(message.chat().transport())), message.transportMessageId());
    }
}
