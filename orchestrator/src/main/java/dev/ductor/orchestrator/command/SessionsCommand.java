package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.named.SessionsSelector;
import org.springframework.stereotype.Component;

/** {@code /sessions}: the named sessions of the chat, ended with buttons (behaviour §2.14). */
@Component
class SessionsCommand extends NamedCommand {

    private final SessionsSelector selector;

    SessionsCommand(SessionsSelector selector) {
        super("sessions", MenuEntry.Section.DAILY, MenuEntry.Popup.NONE);
        this.selector = selector;
    }

    @Override
    public void handle(InboundMessage message) {
        selector.open(message.chat(), message.transportMessageId());
    }
}
