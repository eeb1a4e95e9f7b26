package dev.ductor.scheduler;

import dev.ductor.bus.Topology;
import dev.ductor.model.Contract;

/**
 * Hands a trigger to the orchestrator of one agent: durable, confirmed by the broker before it returns (else
 * it throws), under a message id that is the same every time the same trigger is sent again.
 */
@FunctionalInterface
public interface ToOrchestrator {

    void send(String transport, Contract message, String messageId);

    /** The agent whose orchestrator this reaches (behaviour §5.8); part of every trigger's message id. */
    default String agent() {
        return Topology.MAIN_AGENT;
    }

    /** {@code sender}, reaching the orchestrator of {@code agent}. */
    static ToOrchestrator of(String agent, ToOrchestrator sender) {
        return new ToOrchestrator() {
            @Override
            public void send(String transport, Contract message, String messageId) {
                sender.send(transport, message, messageId);
            }

            @Override
            public String agent() {
                return agent;
            }
        };
    }
}
