package dev.ductor.gateway.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The API gateway's series (docs/metrics.md); no label holds a chat id or a token. */
public final class ApiMetrics {

    private final MeterRegistry registry;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The open, authenticated connections, for {@code ductor_api_connections}. */
    public void connections(Supplier<Number> open) {
        Gauge.builder("ductor_api_connections", open).register(registry);
    }

    /** A connection's auth frame: {@code ok}, {@code auth_failed}, {@code auth_required}, {@code auth_timeout}. */
    public void auth(String outcome) {
        Counter.builder("ductor_api_auth")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A client frame after auth: {@code message}, {@code abort}, {@code empty}, {@code decrypt_failed}, … */
    public void frame(String kind) {
        Counter.builder("ductor_api_frames")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** An outbound command: {@code delivered}, {@code kept} (no client), {@code dropped}, {@code duplicate}, … */
    public void outbound(String type, String outcome) {
        Counter.builder("ductor_api_outbound")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** An HTTP request of {@code /files} or {@code /upload} and its status. */
    public void http(String route, int status) {
        Counter.builder("ductor_api_http")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }
}
