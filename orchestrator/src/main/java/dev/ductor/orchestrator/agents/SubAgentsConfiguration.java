package dev.ductor.orchestrator.agents;

import dev.ductor.agents.ServedSubAgents;
import dev.ductor.orchestrator.OrchestratorApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's orchestrator also serves every sub-agent of {@code agents.json}, Telegram and Matrix alike,
 * each in a context of its own (behaviour §5.8, shared-model's {@code AgentsAutoConfiguration}): its sessions,
 * journal and state under {@code agents/<name>/}, its queues {@code orchestrator.<name>.inbound} and
 * {@code orchestrator.<name>.run-events}, its answers to its own gateway ({@code tg.<name>} or {@code mx.<name>}),
 * its metrics in this service's scrape with {@code agent="<name>"}. A sub-agent's context serves no sub-agents
 * itself. {@code /agent_start} and the like act on the contexts directly ({@link ControllingAgents}).
 */
@Configuration(proxyBeanMethods = false)
class SubAgentsConfiguration {

    @Bean
    ServedSubAgents orchestratorSubAgents() {
        return new ServedSubAgents("orchestrator", OrchestratorApplication.class, entry -> true);
    }
}
