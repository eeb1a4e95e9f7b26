package dev.ductor.orchestrator.automation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The orchestrator's automation meters (catalogue in docs/metrics.md). */
@Component
class AutomationMetrics {

    private final MeterRegistry registry;

    AutomationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A task run ended: {@code kind} cron or webhook, ductor's status as outcome ({@code error:exit_<n>} as {@code error:exit}). */
    void taskRun(String kind, String source, String status) {
        Counter.builder("ductor_automation_runs_total")
                .description("Cron job and webhook task runs by job or hook and outcome")
                .tag("kind", kind)
                .tag("source", source)
                .tag("outcome", status.startsWith("error:exit_") ? "error:exit" : status)
                .register(registry)
                .increment();
    }

    /** Per chat and tick: {@code ran}, or why it was skipped. */
    void heartbeatCheck(String outcome) {
        Counter.builder("ductor_heartbeat_checks_total")
                .description("Heartbeat visits of a chat: ran, or the reason it was skipped")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void heartbeatAlert() {
        Counter.builder("ductor_heartbeat_alerts_total")
                .description("Heartbeat answers delivered to a chat (not the ack token)")
                .register(registry)
                .increment();
    }
}
