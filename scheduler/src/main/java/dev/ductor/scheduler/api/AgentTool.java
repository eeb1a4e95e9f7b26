package dev.ductor.scheduler.api;

/** One tool script's work, done inside the scheduler: its command line in, its printed output out. */
@FunctionalInterface
public interface AgentTool {

    ToolResult run(ToolCall call);
}
