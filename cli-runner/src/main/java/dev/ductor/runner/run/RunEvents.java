package dev.ductor.runner.run;

import dev.ductor.model.Contract;

/** Where a run's events go ({@code ductor.run-events} in production), each with a deterministic message id. */
public interface RunEvents {

    void publish(String runId, Contract event, String messageId);

    /** Where the events of {@code agent}'s runs go: to that agent's orchestrator (behaviour §5.8). */
    default RunEvents forAgent(String agent) {
        return this;
    }
}
