package dev.ductor.gateway.matrix.agents;

import dev.ductor.agents.ServedSubAgents;
import dev.ductor.gateway.matrix.MatrixGatewayApplication;
import dev.ductor.model.ControlAgent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's Matrix gateway also serves every Matrix sub-agent of {@code agents.json}, each in a context
 * of its own (behaviour §5.8, shared-model's {@code AgentsAutoConfiguration}): its own account and allowlists
 * from the entry's {@code matrix} block, its store {@code agents/<name>/matrix_store/} and state under
 * {@code agents/<name>/}, its {@code /sync} loop publishing under {@code mx.<name>}, its outbound queue
 * {@code gateway.mx.<name>.outbound}, its metrics in this service's scrape with {@code agent="<name>"}. A
 * sub-agent's context serves no sub-agents itself. {@code /agent_start}, {@code /agent_stop} and
 * {@code /agent_restart} reach it as {@link ControlAgent} on the control fanout and start or stop that account's
 * context, so its sync loop (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
class SubAgentsConfiguration {

    @Bean
    ServedSubAgents matrixSubAgents() {
        return new ServedSubAgents("gateway-matrix", MatrixGatewayApplication.class, entry -> !entry.telegram());
    }
}
