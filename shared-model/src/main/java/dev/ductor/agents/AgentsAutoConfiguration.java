package dev.ductor.agents;

import dev.ductor.config.ConfigAutoConfiguration;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.lifecycle.ControlHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The main agent's context of a service that serves sub-agents ({@link ServedSubAgents}) runs them
 * ({@link SubAgentContexts}), each context's meters in the service's registry; a sub-agent's context serves
 * none itself. Where the service listens to the control fanout ({@code ductor.restart.on-request}, the
 * gateways and the scheduler), {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} reach those
 * contexts as {@link dev.ductor.model.ControlAgent} ({@link ControllingSubAgents}, behaviour §2.21).
 *
 * <p>The main agent's meters carry {@code agent="main"}: Prometheus wants one set of label names per metric, and
 * the sub-agents' meters reach the same registry with {@code agent="<name>"} ({@link AgentMeters}), which wins
 * over this common tag.
 */
@AutoConfiguration(after = ConfigAutoConfiguration.class)
@ConditionalOnClass(MeterFilter.class)
@ConditionalOnBean(ServedSubAgents.class)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
public class AgentsAutoConfiguration {

    @Bean
    SubAgentContexts subAgentContexts(
            ServedSubAgents served,
            DuctorHome home,
            ConfigStore config,
            MeterRegistry meters,
            @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return SubAgentContexts.of(
                served.service(),
                served.application(),
                served.serves(),
                home,
                config,
                Duration.ofMillis(intervalMs),
                meters,
                served.shared());
    }

    @Bean
    @ConditionalOnProperty(name = "ductor.restart.on-request", havingValue = "true", matchIfMissing = true)
    ControlHandler controllingSubAgents(SubAgentContexts subAgentContexts) {
        return new ControllingSubAgents(subAgentContexts);
    }

    @Bean
    MeterFilter ductorMainAgentTag() {
        return MeterFilter.commonTags(List.of(Tag.of(AgentMeters.TAG, "main")));
    }
}
