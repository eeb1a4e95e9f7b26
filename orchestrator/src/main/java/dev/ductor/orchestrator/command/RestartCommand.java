package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.lifecycle.Restarting;
import org.springframework.stereotype.Component;

/** {@code /restart}: the service exits once the message is settled. */
@Component
class RestartCommand extends NamedCommand {

    private final Restarting restarting;

    RestartCommand(Restarting restarting) {
        super("restart", MenuEntry.Section.MAINTENANCE, MenuEntry.Popup.CORE);
        this.restarting = restarting;
    }

    @Override
    public void handle(InboundMessage message) {
        restarting.request(message);
    }

    @Override
    public void afterSettled() {
        restarting.exit();
    }
}
