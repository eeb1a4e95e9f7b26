package dev.ductor.scheduler.agents;

import dev.ductor.agents.ServedSubAgents;
import dev.ductor.model.ControlAgent;
import dev.ductor.scheduler.SchedulerApplication;
import dev.ductor.scheduler.leader.Leadership;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's scheduler also serves every sub-agent of {@code agents.json}, of either transport, each in
 * a context of its own (behaviour §5.8, shared-model's {@code AgentsAutoConfiguration}): its cron jobs, heartbeat
 * and cleanup from its home and effective {@code config.json}, its webhook server on its own
 * {@code webhooks.port}, its triggers to its own orchestrator ({@code <transport>.<name>}), its agent tools,
 * which the main context's agent API calls, and its meters in this service's scrape with {@code agent="<name>"}.
 * The contexts follow the main context's lease: the scheduler instance that leads fires for every agent. A
 * sub-agent's context serves no sub-agents itself. {@code /agent_stop}, {@code /agent_start} and
 * {@code /agent_restart} reach it as {@link ControlAgent} on the control fanout (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
class SubAgentsConfiguration {

    @Bean
    ServedSubAgents schedulerSubAgents(Leadership leadership) {
        // A view of the lease, not the lease: a sub-agent's context that closes does not end it.
        Leadership followed = leadership::leading;
        return new ServedSubAgents(
                "scheduler", SchedulerApplication.class, entry -> true, Map.of("mainSchedulerLeadership", followed));
    }
}
