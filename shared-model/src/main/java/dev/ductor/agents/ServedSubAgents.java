package dev.ductor.agents;

import java.util.Map;
import java.util.function.Predicate;

/**
 * What a service says of the sub-agents it serves beside its main agent (behaviour §5.8); the rest of the
 * wiring is {@link AgentsAutoConfiguration}'s: the {@link SubAgentContexts} of {@code application} for the
 * {@code agents.json} entries it {@code serves}, named {@code <service>-<name>}, with {@code shared} objects of
 * the main context registered by name in each (usually none, see
 * {@link SubAgentContexts#of(String, Class, Predicate, dev.ductor.config.DuctorHome, dev.ductor.config.ConfigStore,
 * java.time.Duration, io.micrometer.core.instrument.MeterRegistry, Map)}).
 */
public record ServedSubAgents(
        String service, Class<?> application, Predicate<AgentEntry> serves, Map<String, Object> shared) {

    public ServedSubAgents {
        shared = Map.copyOf(shared);
    }

    public ServedSubAgents(String service, Class<?> application, Predicate<AgentEntry> serves) {
        this(service, application, serves, Map.of());
    }
}
