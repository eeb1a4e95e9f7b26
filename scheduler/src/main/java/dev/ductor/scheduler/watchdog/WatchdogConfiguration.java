package dev.ductor.scheduler.watchdog;

import dev.ductor.bus.Gateways;
import dev.ductor.bus.Topology;
import dev.ductor.config.DuctorHome;
import dev.ductor.logging.SecretMasking;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The watchdog, when a channel is configured; it looks on a thread of its own, so a slow channel holds back no cron fire. */
@Configuration
@EnableConfigurationProperties(WatchdogProperties.class)
@Conditional(WatchdogConfiguration.ChannelSet.class)
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class WatchdogConfiguration {

    /** The watchdog runs when it has somewhere to tell the owner. */
    static final class ChannelSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean webhook = !binder.bind("ductor.watchdog.webhook-url", String.class)
                    .orElse("")
                    .isBlank();
            boolean telegram = !binder.bind("ductor.watchdog.telegram-token", String.class)
                            .orElse("")
                            .isBlank()
                    && binder.bind("ductor.watchdog.telegram-chat-id", Long.class)
                                    .orElse(0L)
                            != 0L;
            if (!webhook && !telegram) {
                LoggerFactory.getLogger(WatchdogConfiguration.class)
                        .info("Watchdog off: no channel set (ductor.watchdog.webhook-url, or telegram-token and"
                                + " telegram-chat-id)");
            }
            return webhook || telegram;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(WatchdogConfiguration.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    BrokerQueues watchdogBrokerQueues(
            WatchdogProperties properties,
            CachingConnectionFactory connections,
            Topology topology,
            Gateways gateways,
            Clock clock) {
        return new BrokerQueues(
                connections.getRabbitConnectionFactory(),
                watched(topology, gateways),
                clock,
                properties.stalledAfter());
    }

    static List<BrokerQueues.Watched> watched(Topology topology, Gateways gateways) {
        List<BrokerQueues.Watched> watched = new ArrayList<>();
        watched.add(new BrokerQueues.Watched(
                topology.orchestratorInboundQueue(),
                "the orchestrator does not take the users' messages",
                "the orchestrator does not take the users' messages"));
        watched.add(new BrokerQueues.Watched(
                topology.orchestratorRunEventsQueue(),
                "the orchestrator does not follow the runs",
                "the orchestrator does not follow the runs"));
        // runners take requests with basic.get: no consumer to count, a backlog that does not shrink is the sign
        watched.add(new BrokerQueues.Watched(
                topology.runnerRequestsQueue(), null, "no runner takes the run requests (none running, or all busy)"));
        for (Gateways.Address gateway : gateways.all()) {
            String name = gateway.transport() + "." + gateway.agent();
            watched.add(new BrokerQueues.Watched(
                    topology.gatewayOutboundQueue(gateway.transport(), gateway.agent()),
                    "the gateway " + name + " does not take the answers",
                    "the gateway " + name + " does not take the answers"));
        }
        return watched;
    }

    @Bean
    Watchdog watchdog(
            WatchdogProperties properties,
            BrokerQueues queues,
            Leadership leadership,
            DuctorHome home,
            MeterRegistry registry,
            Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<AlertChannel> channels = new ArrayList<>();
        if (properties.webhook()) {
            SecretMasking.register(List.of(properties.webhookUrl()));
            channels.add(new WebhookChannel(URI.create(properties.webhookUrl().strip()), http, HTTP_TIMEOUT));
        }
        if (properties.telegram()) {
            SecretMasking.register(List.of(properties.telegramToken()));
            channels.add(new TelegramChannel(
                    properties.telegramApiUrl(),
                    properties.telegramToken().strip(),
                    properties.telegramChatId(),
                    http,
                    HTTP_TIMEOUT));
        }
        List<Probe> probes =
                List.of(queues, new HealthEndpoints(HealthEndpoints.parse(properties.health()), http, HTTP_TIMEOUT));
        var mapper = DuctorJson.mapper();
        var file = new JsonStateFile<>(
                home.stateDir("scheduler").resolve("watchdog.json"),
                mapper,
                mapper.constructType(WatchdogState.class),
                WatchdogState::quiet);
        log.info("Watchdog on: {}", properties);
        return new Watchdog(
                probes,
                channels,
                leadership,
                file,
                clock,
                properties.downAfter(),
                properties.recoverAfter(),
                new WatchdogMetrics(registry));
    }

    @Bean(destroyMethod = "close")
    Looking watchdogLooking(Watchdog watchdog, WatchdogProperties properties) {
        return new Looking(watchdog, properties.interval());
    }

    /** Starts looking once the application is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> startingWatchdog(Looking watchdogLooking) {
        return ready -> watchdogLooking.start();
    }

    /** The watchdog's own thread; a look that fails is logged and the next one runs. */
    static final class Looking implements AutoCloseable {

        private final Watchdog watchdog;
        private final Duration interval;
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchdog");
            t.setDaemon(true);
            return t;
        });

        Looking(Watchdog watchdog, Duration interval) {
            this.watchdog = watchdog;
            this.interval = interval;
        }

        void start() {
            thread.scheduleWithFixedDelay(
                    () -> {
                        try {
                            watchdog.tick();
                        } catch (Throwable e) {
                            log.error("The watchdog's look failed; the next one runs as usual", e);
                        }
                    },
                    interval.toMillis(),
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
