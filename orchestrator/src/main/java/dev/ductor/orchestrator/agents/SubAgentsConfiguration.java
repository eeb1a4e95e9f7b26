package dev.ductor.orchestrator.agents;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's orchestrator also serves every sub-agent of {@code agents.json}, Telegram and Matrix alike,
 * each in a context of its own (behaviour §5.8): its sessions, journal and state under {@code agents/<name>/},
 * its queues {@code orchestrator.<name>.inbound} and {@code orchestrator.<name>.run-events}, its answers to its
 * own gateway ({@code tg.<name>} or {@code mx.<name>}), its metrics in this service's scrape with
 * {@code agent="<name>"}. A sub-agent's context serves no sub-agents itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class SubAgentsConfiguration {

    @Bean
    SubAgentContexts orchestratorSubAgents(
            DuctorHome home,
            ConfigStore config,
            MeterRegistry meters,
            @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return SubAgentContexts.of(
                "orchestrator",
                OrchestratorApplication.class,
                entry -> true,
                home,
                config,
                Duration.ofMillis(intervalMs),
                meters,
                Map.of());
    }
}
