package dev.ductor.gateway.telegram.agents;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.ServedSubAgents;
import dev.ductor.gateway.telegram.TelegramGatewayApplication;
import dev.ductor.model.ControlAgent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main agent's gateway also polls the bot of every Telegram sub-agent of {@code agents.json}, each in a
 * context of its own (behaviour §5.8, shared-model's {@code AgentsAutoConfiguration}): its token and allowlists
 * from the entry, its state under {@code agents/<name>/}, its outbound queue {@code gateway.tg.<name>.outbound},
 * its metrics in this service's scrape with {@code agent="<name>"}. A sub-agent's context serves no sub-agents
 * itself. {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} reach it as {@link ControlAgent}
 * on the control fanout and start or stop that bot's context, so its polling (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
class SubAgentsConfiguration {

    @Bean
    ServedSubAgents telegramSubAgents() {
        return new ServedSubAgents("gateway-telegram", TelegramGatewayApplication.class, AgentEntry::telegram);
    }
}
