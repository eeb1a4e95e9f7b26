package dev.ductor.gateway.telegram.agents;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.ControllingSubAgents;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.telegram.TelegramGatewayApplication;
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
 * The main agent's gateway also polls the bot of every Telegram sub-agent of {@code agents.json}, each in a
 * context of its own (behaviour §5.8): its token and allowlists from the entry, its state under
 * {@code agents/<name>/}, its outbound queue {@code gateway.tg.<name>.outbound}, its metrics in this service's
 * scrape with {@code agent="<name>"}. A sub-agent's context serves no sub-agents itself. {@code /agent_start},
 * {@code /agent_stop} and {@code /agent_restart} reach it as {@link ControlAgent} on the control fanout and
 * start or stop that bot's context, so its polling (behaviour §2.21).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class SubAgentsConfiguration {

    @Bean
    SubAgentContexts telegramSubAgents(
            DuctorHome home,
            ConfigStore config,
            MeterRegistry meters,
            @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return SubAgentContexts.of(
                "gateway-telegram",
                TelegramGatewayApplication.class,
                AgentEntry::telegram,
                home,
                config,
                Duration.ofMillis(intervalMs),
                meters,
                Map.of());
    }

    @Bean
    ControlHandler controllingSubAgents(SubAgentContexts telegramSubAgents) {
        return new ControllingSubAgents(telegramSubAgents);
    }
}
