package dev.ductor.lifecycle;

import dev.ductor.model.Contract;

/**
 * What else a service does with a command of the control fanout, heard on the queue of {@link
 * RestartingOnRequest} (e.g. the Telegram gateway applying {@code ControlAgent} to its sub-agents'
 * contexts). Called on the listener's thread; a handler that throws loses only its own command.
 */
@FunctionalInterface
public interface ControlHandler {

    void handle(Contract command);
}
