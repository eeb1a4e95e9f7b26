package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import org.springframework.stereotype.Component;

/** {@code /reset}: a fresh session on the provider the chat is on now. */
@Component
class ResetCommand extends NamedCommand {

    private final ResettingSession resetting;

    ResetCommand(ResettingSession resetting) {
        super("reset", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.resetting = resetting;
    }

    @Override
    public void handle(InboundMessage message) {
        resetting.resetActive(message);
    }
}
