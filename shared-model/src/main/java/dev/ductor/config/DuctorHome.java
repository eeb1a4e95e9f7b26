package dev.ductor.config;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ductor home folder ({@code ~/.ductor} by default, {@code DUCTOR_HOME} or the {@code ductor.home}
 * property otherwise) and the well-known paths in it.
 */
public record DuctorHome(Path root) {

    public static DuctorHome resolve(@Nullable String property, Map<String, String> env) {
        String value = property != null && !property.isBlank() ? property : env.get("DUCTOR_HOME");
        if (value == null || value.isBlank()) {
            value = "~/.ductor";
        }
        if (value.startsWith("~")) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        return new DuctorHome(Path.of(value).toAbsolutePath().normalize());
    }

    public Path configFile() {
        return root.resolve("config").resolve("config.json");
    }

    public Path envFile() {
        return root.resolve(".env");
    }

    public Path workspace() {
        return root.resolve("workspace");
    }

    public Path sessionsFile() {
        return root.resolve("sessions.json");
    }

    /** {@code agents.json}: the sub-agents (behaviour §5.8). */
    public Path agentsFile() {
        return root.resolve("agents.json");
    }

    /** A sub-agent's own home, {@code agents/<name>/} (behaviour §5.8); the name must be a valid agent name. */
    public DuctorHome agent(String name) {
        if (!name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("Not an agent name: " + name);
        }
        return new DuctorHome(root.resolve("agents").resolve(name));
    }

    /** The home of the agent a message belongs to: this one for {@code main}, else {@link #agent}. */
    public DuctorHome forAgent(String agent) {
        return agent.equals("main") ? this : agent(agent);
    }

    /** Files a service keeps for its own bookkeeping (dedup windows, message maps), one folder each. */
    public Path stateDir(String service) {
        return root.resolve("state").resolve(service);
    }
}
