package dev.ductor.orchestrator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The orchestrator's {@code ductor_*} meters (catalogue in docs/metrics.md). */
@Component
public class OrchestratorMetrics {

    private final MeterRegistry registry;

    OrchestratorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes: started, queued, duplicate, unauthorized, ignored, command. */
    public void inbound(String transport, String outcome) {
        Counter.builder("ductor_inbound_messages_total")
                .description("Inbound messages by transport and what the orchestrator did with them")
                .tag("transport", transport)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void turnFinished(String provider, String outcome, Duration duration) {
        Timer.builder("ductor_turn_duration_seconds")
                .description("Time from a turn's start to its end, by provider and outcome")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    public void firstVisibleText(String transport, Duration sinceUserMessage) {
        Timer.builder("ductor_time_to_first_text_seconds")
                .description("From the user's message to the first answer text sent to the chat")
                .tag("transport", transport)
                .register(registry)
                .record(sinceUserMessage.isNegative() ? Duration.ZERO : sinceUserMessage);
    }

    /** How long a message waited in its chat's queue behind a running turn. */
    public void queueWait(String transport, Duration waited) {
        Timer.builder("ductor_queue_wait_seconds")
                .description("From a queued message's arrival to the start of its turn")
                .tag("transport", transport)
                .register(registry)
                .record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** A /stop (or abort word), /stop_all or /interrupt; {@code kind}: stop, all, interrupt. */
    public void abort(String kind) {
        Counter.builder("ductor_aborts_total")
                .description("Stops, stop-alls and interrupts asked for by users")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    public void lostRun() {
        Counter.builder("ductor_runs_lost_total")
                .description("Turns whose runner went silent; the chat was told to re-send")
                .register(registry)
                .increment();
    }
}
