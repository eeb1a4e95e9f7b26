package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.models.ChoosingModel;
import dev.ductor.orchestrator.models.SwitchingModel;
import dev.ductor.orchestrator.reply.Replies;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** {@code /model} opens the model wizard; {@code /model <name> [effort]} switches at once. */
@Component
class ModelCommand extends NamedCommand {

    private final ChoosingModel choosing;
    private final SwitchingModel switching;
    private final Replies replies;

    ModelCommand(ChoosingModel choosing, SwitchingModel switching, Replies replies) {
        super("model", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.choosing = choosing;
        this.switching = switching;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        var chat = message.chat();
        String[] arguments = arguments(message);
        if (arguments.length == 0) {
            choosing.open(chat, message.transportMessageId());
            return;
        }
        String effort = arguments.length > 1 ? arguments[1].toLowerCase(Locale.ROOT) : null;
        replies.text(chat, switching.switchTo(chat, arguments[0], effort), message.transportMessageId());
    }
}
