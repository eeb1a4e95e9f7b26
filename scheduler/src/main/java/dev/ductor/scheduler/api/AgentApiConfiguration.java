package dev.ductor.scheduler.api;

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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the agent's API when a token is configured; a port that cannot be bound is logged, not fatal. */
@Configuration
@EnableConfigurationProperties(AgentApiProperties.class)
class AgentApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentApiConfiguration.class);

    @Bean(destroyMethod = "close")
    AgentApi agentApi(
            AgentApiProperties properties,
            DuctorHome home,
            ConfigStore config,
            Clock clock,
            ToOrchestrator orchestrator,
            InterAgentTools interAgent) {
        if (properties.token().isBlank()) {
            log.info("The agent API is off (no DUCTOR_AGENT_API_TOKEN): the agent's cron and webhook tools"
                    + " answer that it is not configured");
            return new AgentApi(Optional.empty());
        }
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
        tools.putAll(interAgent.tools());
        try {
            return new AgentApi(
                    Optional.of(new AgentApiServer(properties.host(), properties.port(), properties.token(), tools)));
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
