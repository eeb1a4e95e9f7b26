/**
 * Sub-agents (behaviour §5.8): {@code agents.json} read and validated ({@link AgentsFile}), each entry's
 * effective {@code config.json} in its own home ({@link AgentConfigs}), the file watched
 * ({@link AgentsWatcher}), and one Spring context per sub-agent inside a service that serves several agents
 * ({@link SubAgentContexts}).
 */
@NullMarked
package dev.ductor.agents;

import org.jspecify.annotations.NullMarked;
