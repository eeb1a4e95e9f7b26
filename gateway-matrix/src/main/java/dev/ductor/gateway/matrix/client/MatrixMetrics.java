package dev.ductor.gateway.matrix.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The gateway's {@code ductor_matrix_*} meters (docs/metrics.md). */
public final class MatrixMetrics {

    private final MeterRegistry registry;
    private final Counter rateLimited;
    private final DistributionSummary retryAfter;

    public MatrixMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimited = Counter.builder("ductor_matrix_429")
                .description("Homeserver answers 429 M_LIMIT_EXCEEDED")
                .register(registry);
        this.retryAfter = DistributionSummary.builder("ductor_matrix_429_retry_after")
                .description("retry_after_ms of the 429 answers")
                .baseUnit("milliseconds")
                .register(registry);
    }

    /** One call: its latency by operation ({@code sync}, {@code send}, …) and HTTP status (0: not reached). */
    void call(String operation, int status, long nanos) {
        Timer.builder("ductor_matrix_api_latency")
                .description("Client-server API calls by operation and result")
                .tag("operation", operation)
                .tag("result", status == 0 ? "unreachable" : status == 200 ? "ok" : Integer.toString(status))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    void rateLimited(long retryAfterMs) {
        rateLimited.increment();
        retryAfter.record(retryAfterMs);
    }

    /** A {@code /sync} that failed (the loop backs off and retries). */
    public void syncError() {
        Counter.builder("ductor_matrix_sync_errors")
                .description("Failed /sync calls")
                .register(registry)
                .increment();
    }

    /** A room event by kind ({@code message}, {@code reaction}, {@code invite}, …) and outcome. */
    public void event(String kind, String outcome) {
        Counter.builder("ductor_matrix_events")
                .description("Room events by kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A message the gateway posted, by result ({@code sent}, {@code retried}, {@code failed}). */
    public void send(String result) {
        Counter.builder("ductor_matrix_sends")
                .description("Events the gateway sent, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** An outbound bus command by contract and outcome. */
    public void outbound(String type, String outcome) {
        Counter.builder("ductor_matrix_outbound")
                .description("Outbound bus commands by contract and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
