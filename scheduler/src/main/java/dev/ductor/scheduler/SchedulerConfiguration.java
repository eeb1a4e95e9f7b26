package dev.ductor.scheduler;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.scheduler.cleanup.CleaningFiles;
import dev.ductor.scheduler.cron.FiringCronJobs;
import dev.ductor.scheduler.heartbeat.TickingHeartbeat;
import dev.ductor.scheduler.leader.ExclusiveQueueLease;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.time.Zones;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The triggers and the one thread that drives the time-based ones. */
@Configuration
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulerConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    Clock schedulerClock() {
        return Clock.systemUTC();
    }

    @Bean
    Zones zones() {
        return Zones.host();
    }

    /** To this context's agent's orchestrator ({@code ductor.agent}: the main agent, or a sub-agent's). */
    @Bean
    ToOrchestrator toOrchestrator(Bus bus) {
        String agent = bus.topology().agent();
        return ToOrchestrator.of(
                agent,
                (transport, message, messageId) -> bus.toOrchestrator(transport, agent, message, messageId, messageId));
    }

    /**
     * The lease of the main context; a sub-agent's context follows it (registered there by shared-model's
     * {@code AgentsAutoConfiguration}, as {@code agents.SubAgentsConfiguration} asks), so one scheduler instance
     * fires for every agent.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
    ExclusiveQueueLease schedulerLease(
            CachingConnectionFactory connections, Bus bus, SchedulerProperties properties, Clock clock) {
        String namespace = bus.topology().namespace();
        String queue = (namespace.isEmpty() ? "" : namespace + ".") + "scheduler.leader";
        return new ExclusiveQueueLease(connections.getRabbitConnectionFactory(), queue, properties.leaseRetry(), clock);
    }

    @Bean
    FiringCronJobs firingCronJobs(
            DuctorHome home,
            Zones zones,
            ConfigStore config,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock,
            SchedulerProperties properties) {
        return new FiringCronJobs(
                home.root().resolve("cron_jobs.json"),
                zones,
                () -> config.current().userTimezone(),
                orchestrator,
                metrics,
                leadership,
                clock,
                properties.catchUp());
    }

    @Bean
    TickingHeartbeat tickingHeartbeat(
            ConfigStore config,
            Zones zones,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock) {
        return new TickingHeartbeat(config::current, zones, orchestrator, metrics, leadership, clock);
    }

    @Bean
    CleaningFiles cleaningFiles(
            DuctorHome home,
            ConfigStore config,
            Zones zones,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock) {
        return new CleaningFiles(home.workspace(), config::current, zones, metrics, leadership, clock);
    }

    /**
     * One thread for the time-driven triggers; a failing tick is logged and the next one runs. The ticks
     * start once the application is ready: by then this service has declared the whole bus topology
     * (exchanges, queues, bindings), so a fire is never confirmed into an exchange whose queue binding
     * another service is still declaring (confirmed but unroutable, i.e. lost).
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService schedulerTicks() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scheduler-ticks");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> startingTicks(
            ScheduledExecutorService schedulerTicks,
            SchedulerProperties properties,
            FiringCronJobs cron,
            TickingHeartbeat heartbeat,
            CleaningFiles cleanup) {
        return ready -> {
            long every = properties.tick().toMillis();
            schedulerTicks.scheduleWithFixedDelay(
                    () -> {
                        safely("cron", cron::tick);
                        safely("heartbeat", heartbeat::tick);
                        safely("cleanup", cleanup::tick);
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        };
    }

    static void safely(String what, Runnable tick) {
        try {
            tick.run();
        } catch (Throwable e) {
            log.error("The {} tick failed; the next one runs as usual", what, e);
        }
    }
}
