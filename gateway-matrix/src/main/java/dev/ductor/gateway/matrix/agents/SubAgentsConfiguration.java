package dev.ductor.gateway.matrix.agents;

import dev.ductor.agents.ControllingSubAgents;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.matrix.MatrixGatewayApplication;
import dev.ductor.lifecycle.ControlHandler;
import dev.ductor.model.ControlAgent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's Matrix gateway also serves every Matrix sub-agent of {@code agents.json}, each in a context
 * of its own (behaviour §5.8): its own account and allowlists from the entry's {@code matrix} block, its store
 * {@code agents/<name>/matrix_store/} and state under {@code agents/<name>/}, its {@code /sync} loop
 * publishing under {@code mx.<name>}, its outbound queue {@code gateway.mx.<name>.outbound}, its metrics in
 * this service's scrape with {@code agent="<name>"}. A sub-agent's context serves no sub-agents itself.
 * {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} reach it as {@link ControlAgent} on the
 * control fanout and start or stop that account's context, so its sync loop (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class SubAgentsConfiguration {

    @Bean
    SubAgentContexts matrixSubAgents(
            DuctorHome home,
            ConfigStore config,
            MeterRegistry meters,
            @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return SubAgentContexts.of(
                "gateway-matrix",
                MatrixGatewayApplication.class,
                entry -> !entry.telegram(),
                home,
                config,
                Duration.ofMillis(intervalMs),
                meters,
                Map.of());
    }

    @Bean
    ControlHandler controllingMatrixSubAgents(SubAgentContexts matrixSubAgents) {
        return new ControllingSubAgents(matrixSubAgents);
    }
}
