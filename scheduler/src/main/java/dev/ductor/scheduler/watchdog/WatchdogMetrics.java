package dev.ductor.scheduler.watchdog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The watchdog's {@code ductor_*} meters (docs/metrics.md); registered only when the watchdog runs. */
final class WatchdogMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();

    WatchdogMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ductor_watchdog_incident_open", open, AtomicInteger::doubleValue)
                .description("1 while the watchdog holds the bot for silent (an incident is open), else 0")
                .register(registry);
    }

    void incidentOpen(boolean isOpen) {
        open.set(isOpen ? 1 : 0);
    }

    /** Events {@code down}, {@code recovered}; results {@code sent}, {@code failed} (retried at the next look). */
    void alert(String event, String channel, String result) {
        Counter.builder("ductor_watchdog_alerts_total")
                .description("Watchdog alerts by event, channel and whether the channel accepted them")
                .tag("event", event)
                .tag("channel", channel)
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
