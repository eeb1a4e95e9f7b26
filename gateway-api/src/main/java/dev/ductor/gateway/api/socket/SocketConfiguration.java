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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@code /ws} and what it shares with the outbound side. Any origin may connect: the token travels in the
 * first frame, never in a cookie a browser would add by itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SocketConfiguration implements WebSocketConfigurer {

    private final ApiSocketHandler handler;

    SocketConfiguration(
            ApiToken token,
            ConfigStore config,
            Bus bus,
            DuctorHome home,
            ApiMetrics metrics,
            Connections connections,
            Mailbox mailbox,
            ChatTurns turns,
            @Value("${ductor.agent:main}") String agent,
            @Value("${ductor.api.auth-timeout:10s}") Duration authTimeout) {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        metrics.connections(connections::count);
        this.handler = new ApiSocketHandler(
                token,
                config,
                agent,
                mailbox,
                connections,
                turns,
                new ClientMessages(bus, agent, Clock.systemUTC()),
                timer,
                metrics,
                authTimeout);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws").setAllowedOriginPatterns("*");
    }

    @Configuration(proxyBeanMethods = false)
    static class Shared {

        @Bean
        Connections apiConnections() {
            return new Connections();
        }

        @Bean
        ChatTurns apiChatTurns() {
            return new ChatTurns();
        }

        @Bean
        Mailbox apiMailbox(DuctorHome home, Connections connections, @Value("${ductor.agent:main}") String agent) {
            return new Mailbox(home.stateDir("gateway-api-" + agent), connections);
        }
    }
}
