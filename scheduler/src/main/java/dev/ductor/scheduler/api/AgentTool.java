package dev.ductor.scheduler.api;

/** One tool script's work, done inside the scheduler: its command line in, its printed output out. */
@FunctionalInterface
public interface AgentTool {

    ToolResult run(ToolCall call);

    /**
     * Whether a sub-agent may call this tool ({@link ToolCall#agent()} then names it); the others are refused
     * to sub-agents with {@code 403} until the scheduler serves their files.
     */
    default boolean servesSubAgents() {
        return false;
    }
}
