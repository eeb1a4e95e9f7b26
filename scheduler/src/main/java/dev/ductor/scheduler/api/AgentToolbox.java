package dev.ductor.scheduler.api;

import java.util.Map;

/**
 * The agent tools of one agent, by name, acting on that agent's home ({@code cron_jobs.json},
 * {@code webhooks.json}, {@code tasks.json}, {@code workspace/cron_tasks/}) and handing over to its
 * orchestrator: a bean of the main context and of each sub-agent's (behaviour §5.8, §6.8).
 */
public record AgentToolbox(Map<String, AgentTool> tools) {

    public AgentToolbox {
        tools = Map.copyOf(tools);
    }
}
