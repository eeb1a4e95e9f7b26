package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.named.StartingNamedSession;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code @name <text>} where {@code name} is a named session of the chat (behaviour §5.6): a follow-up in
 * that session, run beside the chat's own turns; any other {@code @word} is left to the turn.
 */
@Component
class NamedFollowUpCommand implements ChatCommand {

    private final StartingNamedSession starting;

    NamedFollowUpCommand(StartingNamedSession starting) {
        this.starting = starting;
    }

    @Override
    public Optional<MenuEntry> entry() {
        return Optional.empty();
    }

    @Override
    public boolean matches(InboundMessage message) {
        return starting.addressed(message).isPresent();
    }

    @Override
    public void handle(InboundMessage message) {
        starting.followUp(message);
    }
}
