package dev.ductor.agents;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * In a service that serves sub-agents ({@link SubAgentContexts}), the main agent's meters carry
 * {@code agent="main"}: Prometheus wants one set of label names per metric, and the sub-agents' meters reach
 * the same registry with {@code agent="<name>"} ({@link AgentMeters}), which wins over this common tag.
 */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
@ConditionalOnBean(SubAgentContexts.class)
public class AgentsAutoConfiguration {

    @Bean
    MeterFilter ductorMainAgentTag() {
        return MeterFilter.commonTags(java.util.List.of(io.micrometer.core.instrument.Tag.of(AgentMeters.TAG, "main")));
    }
}
