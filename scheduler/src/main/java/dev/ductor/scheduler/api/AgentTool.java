package dev.ductor.scheduler.api;

/** One tool script's work, done inside the scheduler: its command line in, its printed output out. */
@FunctionalInterface
public interface AgentTool {

    ToolResult run(ToolCall call);

    /**
     * Whether this one instance serves every agent's call ({@link ToolCall#agent()} then names the caller, as
     * the inter-agent tools do); the others act on one agent's home, and a sub-agent's call of them goes to
     * that agent's own instance ({@link AgentToolbox}).
     */
    default boolean servesSubAgents() {
        return false;
    }
}
