package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import org.springframework.stereotype.Component;

/** {@code /new}: a fresh session on the configured default provider. */
@Component
class NewCommand extends NamedCommand {

    private final ResettingSession resetting;

    NewCommand(ResettingSession resetting) {
        super("new", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.resetting = resetting;
    }

    @Override
    public void handle(InboundMessage message) {
        resetting.reset(message);
    }
}
