package dev.ductor.agents;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A sub-agent context's meter registry (behaviour §5.8): a composite whose only member is the service's own
 * registry, with the common tag {@code agent=<name>}, so every meter the agent's beans register is in the
 * service's Prometheus scrape beside the main agent's ({@code agent="main"}, {@link AgentsAutoConfiguration}).
 * The context's own export registries are switched off, and its JVM and process binders never run, nor its
 * application start and ready times (they would measure the same process again). When the context closes, or fails to start, its meters are removed from
 * the service's registry: a restarted agent's gauges must observe its new beans, not the old ones.
 */
final class AgentMeters {

    static final String BEAN = "ductorAgentMeterRegistry";
    static final String TAG = "agent";

    private final MeterRegistry service;
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    AgentMeters(MeterRegistry service, String agent) {
        this.service = service;
        // the process' start and ready times are the main context's; a child's would be a second series
        registry.config()
                .meterFilter(MeterFilter.denyNameStartsWith("application."))
                .commonTags(TAG, agent);
        registry.add(service);
    }

    /** Makes this the context's {@code MeterRegistry}; its meters leave the service's registry when it closes. */
    void register(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton(BEAN, registry);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                release();
            }
        });
    }

    void release() {
        for (Meter meter : registry.getMeters()) {
            service.removeByPreFilterId(meter.getId());
            registry.remove(meter);
        }
    }
}
