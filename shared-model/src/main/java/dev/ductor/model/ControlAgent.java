package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code /agent_start}, {@code /agent_stop} or {@code /agent_restart} (behaviour §2.21) on the control fanout:
 * the main orchestrator has applied it to its own context of sub-agent {@code agent}; every other service that
 * serves sub-agents (the Telegram gateway: that bot's polling) does the same to its own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ControlAgent(String agent, Action action) implements Contract {

    /** What is asked of the agent. */
    public enum Action {
        START,
        STOP,
        RESTART
    }
}
