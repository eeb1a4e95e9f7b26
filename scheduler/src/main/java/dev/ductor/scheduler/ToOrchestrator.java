package dev.ductor.scheduler;

import dev.ductor.model.Contract;

/**
 * Hands a trigger to the orchestrator: durable, confirmed by the broker before it returns (else it
 * throws), under a message id that is the same every time the same trigger is sent again.
 */
@FunctionalInterface
public interface ToOrchestrator {

    void send(String transport, Contract message, String messageId);
}
