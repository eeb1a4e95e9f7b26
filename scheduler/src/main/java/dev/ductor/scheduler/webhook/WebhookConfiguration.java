package dev.ductor.scheduler.webhook;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.SchedulerProperties;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.time.Zones;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook server of this context's agent, started only when {@code webhooks.enabled} (read at start, as
 * in ductor: a change needs a restart); a sub-agent's context runs its own on its own port (behaviour §5.8).
 * Every scheduler instance serves webhooks: each request is its own trigger.
 */
@Configuration
class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    HooksFile hooksFile(DuctorHome home) {
        return new HooksFile(home.root().resolve("webhooks.json"));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService webhookWatcher(HooksFile hooks, SchedulerProperties properties) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhooks-watch");
            thread.setDaemon(true);
            return thread;
        });
        hooks.reloadIfChanged();
        long every = properties.watchInterval().toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        hooks.reloadIfChanged();
                    } catch (Throwable e) {
                        log.error("Watching webhooks.json failed; trying again", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return executor;
    }

    @Bean(destroyMethod = "close")
    WebhookIngress webhookIngress(
            ConfigStore config,
            HooksFile hooks,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Zones zones,
            Clock clock,
            Topology topology) {
        var settings = config.current().webhooks();
        if (!settings.enabled()) {
            log.info("Webhooks of agent '{}' are disabled (webhooks.enabled in config.json)", topology.agent());
            return new WebhookIngress(null);
        }
        var token = new GlobalToken(config);
        token.ensure();
        var gate = new WebhookGate(config, hooks, token, orchestrator, metrics, zones, clock);
        try {
            return new WebhookIngress(new WebhookServer(settings.host(), settings.port(), gate));
        } catch (IOException | RuntimeException e) {
            log.error(
                    "Webhook server of agent '{}' cannot listen on {}:{} ({}); its webhooks stay off"
                            + " (a sub-agent needs a port of its own: the webhooks block of its agents.json entry)",
                    topology.agent(),
                    settings.host(),
                    settings.port(),
                    e.toString());
            return new WebhookIngress(null);
        }
    }
}
