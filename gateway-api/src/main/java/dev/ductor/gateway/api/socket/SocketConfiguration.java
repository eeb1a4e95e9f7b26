package dev.ductor.gateway.api.socket;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.gateway.api.ApiToken;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws} and what it shares with the outbound side. Any origin may connect: the token travels in the
 * first frame, never in a cookie a browser would add by itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    static final int MAX_FRAME_CHARS = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SocketConfiguration.class);

    private final ApiSocketHandler handler;

    SocketConfiguration(
            ApiToken token,
            ConfigStore config,
            Bus bus,
            DuctorHome home,
            ApiMetrics metrics,
            Connections connections,
            Mailbox mailbox,
            OfferedProviders providers,
            ChatTurns turns,
            @Value("${ductor.agent:main}") String agent,
            @Value("${ductor.api.auth-timeout:10s}") Duration authTimeout,
            @Value("${ductor.api.heartbeat:30s}") Duration heartbeat) {
        if (config.current().api() == null || !config.current().api().serving()) {
            log.warn("The WebSocket API is off: config.json has no api block enabled with a token (bin/ductor api"
                    + " enable, then restart gateway-api); only the actuator port is open");
        }
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        metrics.connections(connections::count);
        this.handler = new ApiSocketHandler(
                token,
                config,
                agent,
                mailbox,
                providers,
                connections,
                turns,
                new ClientMessages(bus, agent, Clock.systemUTC()),
                timer,
                metrics,
                authTimeout,
                heartbeat);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws").setAllowedOriginPatterns("*");
    }

    @Configuration(proxyBeanMethods = false)
    static class Shared {

        /** A frame of up to 4 MiB (a long prompt, Base64 and encrypted), as ductor's server takes; the default is 8 KiB. */
        @Bean
        ServletServerContainerFactoryBean apiWebSocketContainer() {
            ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
            container.setMaxTextMessageBufferSize(MAX_FRAME_CHARS);
            return container;
        }

        @Bean
        Connections apiConnections() {
            return new Connections();
        }

        @Bean
        ChatTurns apiChatTurns(DuctorHome home, @Value("${ductor.agent:main}") String agent) {
            return new ChatTurns(home.stateDir("gateway-api-" + agent));
        }

        @Bean
        OfferedProviders apiOfferedProviders(DuctorHome home, @Value("${ductor.agent:main}") String agent) {
            return new OfferedProviders(home.stateDir("gateway-api-" + agent));
        }

        @Bean
        Mailbox apiMailbox(DuctorHome home, Connections connections, @Value("${ductor.agent:main}") String agent) {
            return new Mailbox(home.stateDir("gateway-api-" + agent), connections);
        }
    }
}
