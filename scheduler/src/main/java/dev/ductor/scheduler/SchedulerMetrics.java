package dev.ductor.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The scheduler's {@code ductor_*} meters (catalogue in docs/metrics.md). */
@Component
public final class SchedulerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> nextFire = new ConcurrentHashMap<>();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes: {@code fired}, {@code quiet} (skipped in quiet hours), {@code publish_failed}. */
    public void cronFire(String job, String outcome) {
        Counter.builder("ductor_cron_fires_total")
                .description("Cron jobs that came due, by job and what the scheduler did")
                .tag("job", job)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The next fire time of a job (epoch seconds), or removes it when the job has none any more. */
    public void nextFire(String job, @Nullable Instant at) {
        if (at == null) {
            AtomicLong gone = nextFire.remove(job);
            if (gone != null) {
                registry.find("ductor_cron_next_fire_seconds")
                        .tag("job", job)
                        .meters()
                        .forEach(registry::remove);
            }
            return;
        }
        nextFire.computeIfAbsent(job, j -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("ductor_cron_next_fire_seconds", value, AtomicLong::doubleValue)
                            .description("When a cron job fires next, in seconds since the epoch")
                            .tag("job", j)
                            .register(registry);
                    return value;
                })
                .set(at.getEpochSecond());
    }

    public Set<String> jobsWithNextFire() {
        return Set.copyOf(nextFire.keySet());
    }

    /** Status: the HTTP status code answered. */
    public void webhookRequest(String hook, int status) {
        Counter.builder("ductor_webhook_requests_total")
                .description("Webhook requests by hook (\"-\" when none matched) and HTTP status")
                .tag("hook", hook)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /** Outcomes: {@code sent}, {@code quiet}, {@code publish_failed}. */
    public void heartbeatTick(String outcome) {
        Counter.builder("ductor_heartbeat_ticks_total")
                .description("Heartbeat intervals elapsed, by what the scheduler did")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void cleanupDeleted(String folder, int files) {
        Counter.builder("ductor_cleanup_deleted_files_total")
                .description("Files deleted by the daily cleanup, by workspace folder")
                .tag("folder", folder)
                .register(registry)
                .increment(files);
    }
}
