package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.named.StartingNamedSession;
import org.springframework.stereotype.Component;

/** {@code /session [@provider|@model|@name] <prompt>}: a named session in the background (behaviour §2.13). */
@Component
class SessionCommand extends NamedCommand {

    private final StartingNamedSession starting;

    SessionCommand(StartingNamedSession starting) {
        super("session", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.starting = starting;
    }

    @Override
    public void handle(InboundMessage message) {
        String[] parts = message.text().strip().split("\\s+", 2);
        starting.session(message, parts.length > 1 ? parts[1] : "");
    }
}
