package dev.ductor.orchestrator.agents;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorApplication;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's orchestrator also serves every Telegram sub-agent of {@code agents.json} (no gateway runs
 * a Matrix one yet), each in a context of its own (behaviour §5.8): its sessions, journal and state under {@code agents/<name>/}, its queues
 * {@code orchestrator.<name>.inbound} and {@code orchestrator.<name>.run-events}, its answers to its own
 * gateway ({@code <transport>.<name>}). A sub-agent's context serves no sub-agents itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class SubAgentsConfiguration {

    @Bean
    SubAgentContexts orchestratorSubAgents(
            DuctorHome home, ConfigStore config, @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return SubAgentContexts.of(
                "orchestrator",
                OrchestratorApplication.class,
                AgentEntry::telegram,
                home,
                config,
                Duration.ofMillis(intervalMs),
                Map.of());
    }
}
