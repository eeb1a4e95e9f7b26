package dev.ductor.scheduler.api;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.scheduler.ToOrchestrator;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every context's agent tools, and the agent's API (main context only) when a token is configured; a port that
 * cannot be bound is logged, not fatal.
 */
@Configuration
@EnableConfigurationProperties(AgentApiProperties.class)
class AgentApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentApiConfiguration.class);

    /**
     * This context's agent's own tools (the main agent's here, a sub-agent's in its context); the main context's
     * also has the inter-agent tools, which serve every agent.
     */
    @Bean
    AgentToolbox agentToolbox(
            DuctorHome home,
            ConfigStore config,
            Clock clock,
            ToOrchestrator orchestrator,
            ObjectProvider<InterAgentTools> interAgent) {
        var folders = new TaskFolders(home.workspace().resolve("cron_tasks"));
        var cron = new CronTools(
                home.root().resolve("cron_jobs.json"),
                folders,
                () -> config.current().userTimezone(),
                clock);
        Map<String, AgentTool> tools = new HashMap<>(cron.tools());
        tools.putAll(new WebhookTools(
                        home.root().resolve("webhooks.json"),
                        folders,
                        () -> config.current().webhooks(),
                        clock)
                .tools());
        tools.putAll(new TaskTools(
                        home.root().resolve("tasks.json"),
                        orchestrator,
                        () -> config.current().tasks(),
                        clock)
                .tools());
        interAgent.ifAvailable(ask -> tools.putAll(ask.tools()));
        return new AgentToolbox(tools);
    }

    /**
     * The one API server, in the main context: the main agent's tools, and a sub-agent's call of a tool that
     * does not serve every agent itself goes to that agent's own tools, in its running context.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
    AgentApi agentApi(
            AgentApiProperties properties, AgentToolbox agentToolbox, ObjectProvider<SubAgentContexts> subAgents) {
        if (properties.token().isBlank()) {
            log.info("The agent API is off (no DUCTOR_AGENT_API_TOKEN): the agent's cron and webhook tools"
                    + " answer that it is not configured");
            return new AgentApi(Optional.empty());
        }
        SubAgentContexts agents = subAgents.getIfAvailable();
        try {
            return new AgentApi(Optional.of(new AgentApiServer(
                    properties.host(),
                    properties.port(),
                    properties.token(),
                    agentToolbox.tools(),
                    agent -> agents == null
                            ? Optional.empty()
                            : agents.bean(agent, AgentToolbox.class).map(AgentToolbox::tools))));
        } catch (IOException | RuntimeException e) {
            log.error(
                    "The agent API cannot listen on {}:{} ({}); the agent's tools stay off",
                    properties.host(),
                    properties.port(),
                    e.toString());
            return new AgentApi(Optional.empty());
        }
    }

    /** The running server, if any (a bean of its own so a failed bind is not a failed start). */
    record AgentApi(Optional<AgentApiServer> server) implements AutoCloseable {
        @Override
        public void close() {
            server.ifPresent(AgentApiServer::close);
        }
    }
}
