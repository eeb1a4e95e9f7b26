package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import java.util.Optional;

/**
 * One chat command: which messages it takes, what it does with them, and how the menu and {@code /help}
 * show it. A command answers at once, even while a turn runs; the gate then settles the
 * message. A new command is one class implementing this and one line in {@link ChatCommands}.
 */
interface ChatCommand {

    /** How the menu and {@code /help} show it; empty for a handler without a {@code /name} of its own. */
    Optional<MenuEntry> entry();

    boolean matches(InboundMessage message);

    void handle(InboundMessage message);

    /** Runs once the gate settled the message; {@code /restart} exits here, so its message is not redelivered. */
    default void afterSettled() {}
}
