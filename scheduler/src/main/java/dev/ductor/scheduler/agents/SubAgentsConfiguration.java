package dev.ductor.scheduler.agents;

import dev.ductor.agents.ControllingSubAgents;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.lifecycle.ControlHandler;
import dev.ductor.model.ControlAgent;
import dev.ductor.scheduler.SchedulerApplication;
import dev.ductor.scheduler.leader.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's scheduler also serves every sub-agent of {@code agents.json}, of either transport, each in
 * a context of its own (behaviour §5.8): its cron jobs, heartbeat and cleanup from its home and effective
 * {@code config.json}, its webhook server on its own {@code webhooks.port}, its triggers to its own
 * orchestrator ({@code <transport>.<name>}), its agent tools, which the main context's agent API calls, and its
 * meters in this service's scrape with {@code agent="<name>"}.
 * The contexts follow the main context's lease: the scheduler instance that leads fires for every agent. A
 * sub-agent's context serves no sub-agents itself. {@code /agent_stop}, {@code /agent_start} and
 * {@code /agent_restart} reach it as {@link ControlAgent} on the control fanout (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class SubAgentsConfiguration {

    @Bean
    SubAgentContexts schedulerSubAgents(
            DuctorHome home,
            ConfigStore config,
            Leadership leadership,
            MeterRegistry meters,
            @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        // A view of the lease, not the lease: a sub-agent's context that closes does not end it.
        Leadership followed = leadership::leading;
        return SubAgentContexts.of(
                "scheduler",
                SchedulerApplication.class,
                entry -> true,
                home,
                config,
                Duration.ofMillis(intervalMs),
                meters,
                Map.of("mainSchedulerLeadership", followed));
    }

    @Bean
    ControlHandler controllingSubAgents(SubAgentContexts schedulerSubAgents) {
        return new ControllingSubAgents(schedulerSubAgents);
    }
}
