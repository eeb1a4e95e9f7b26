package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.SendText;
import dev.ductor.orchestrator.chats.PostingJoinNotification;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingWelcome;
import org.springframework.stereotype.Component;

/**
 * {@code /start}: the welcome with its quick-start buttons (as the caption of the welcome picture where the
 * messenger shows one), then the join notification if there is one.
 */
@Component
class StartCommand extends NamedCommand {

    private final ShowingWelcome welcome;
    private final PostingJoinNotification joinNotification;
    private final Replies replies;

    StartCommand(ShowingWelcome welcome, PostingJoinNotification joinNotification, Replies replies) {
        super("start", MenuEntry.Section.NONE, MenuEntry.Popup.NONE);
        this.welcome = welcome;
        this.joinNotification = joinNotification;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        var chat = message.chat();
        String replyTo = message.transportMessageId();
        String ref = "welcome-" + chat.storageKey() + "-" + replyTo;
        replies.namedWithImage(
                chat,
                ref,
                ref,
                welcome.welcome(message.userName()),
                replyTo,
                welcome.buttons(),
                SendText.WELCOME_IMAGE);
        joinNotification.post(chat);
    }
}
