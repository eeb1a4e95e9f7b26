package dev.ductor.gateway.api.outbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.gateway.api.socket.ChatTurns;
import dev.ductor.gateway.api.socket.Mailbox;
import dev.ductor.gateway.api.socket.OfferedProviders;
import dev.ductor.state.DeliveredIds;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Path;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound side; its delivered ids under {@code state/gateway-api-<agent>/}. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    static final int DELIVERED_WINDOW = 5000;

    @Bean
    ApiEvents apiEvents(
            Mailbox mailbox, OfferedProviders providers, ChatTurns turns, ConfigStore config, DuctorHome home) {
        SendableFiles sendable = new SendableFiles(
                () -> config.current().fileAccess(),
                home.workspace(),
                Path.of(System.getProperty("user.home")),
                home.root());
        return new ApiEvents(mailbox, providers, turns, sendable, home.workspace());
    }

    @Bean
    OutboundListener apiOutboundListener(
            MessageConverter converter,
            ApiEvents events,
            ApiMetrics metrics,
            DuctorHome home,
            @Value("${ductor.agent:main}") String agent) {
        return new OutboundListener(
                converter, events, new DeliveredIds(home.stateDir("gateway-api-" + agent), DELIVERED_WINDOW), metrics);
    }
}
