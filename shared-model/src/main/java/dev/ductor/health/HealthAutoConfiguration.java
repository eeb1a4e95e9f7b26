package dev.ductor.health;

import dev.ductor.agents.AgentsAutoConfiguration;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigAutoConfiguration;
import dev.ductor.config.DuctorHome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ductorHome} health component of every service with actuator: free space on the file system
 * of {@code DUCTOR_HOME}, DOWN below {@code ductor.health.min-free-space} (100 MB). Spring Boot's own
 * {@code diskSpace} looks at the working directory, which need not be where the state lives. And the
 * {@code subAgents} component of a service that runs sub-agents.
 */
@AutoConfiguration(after = {ConfigAutoConfiguration.class, AgentsAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(DuctorHome.class)
    HealthIndicator ductorHomeHealthIndicator(DuctorHome home, HealthProperties properties) {
        return new DiskSpaceHealthIndicator(home.root().toFile(), properties.minFreeSpace());
    }

    /**
     * The {@code subAgents} component where the service runs sub-agents (behaviour §5.8): each agent's status,
     * since when it runs, its restarts and last error. Always UP: a sub-agent that crashed is its own trouble,
     * not the service's, and is shown here and by {@code /agents}.
     */
    @Bean
    @ConditionalOnBean(SubAgentContexts.class)
    HealthIndicator subAgentsHealthIndicator(SubAgentContexts agents) {
        return () -> {
            Health.Builder health = Health.up();
            new TreeMap<>(agents.statuses()).forEach((name, status) -> {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("status", status.state());
                if (status.runningSince() != null) {
                    detail.put("runningSince", status.runningSince().toString());
                }
                detail.put("restarts", status.restarts());
                if (status.lastError() != null) {
                    detail.put("lastError", status.lastError());
                }
                health.withDetail(name, detail);
            });
            return health.build();
        };
    }
}
