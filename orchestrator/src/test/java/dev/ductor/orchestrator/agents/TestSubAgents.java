package dev.ductor.orchestrator.agents;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Sub-agents served from {@code dir} with a main {@code config.json} and an {@code agents.json}, each in an
 * empty context; an entry named {@code broken} fails to start ("No Telegram bot token"). Started; close stops.
 */
record TestSubAgents(SubAgentContexts agents, ConfigStore config) implements AutoCloseable {

    static TestSubAgents start(Path dir, String configJson, String agentsJson) throws IOException {
        DuctorHome home = new DuctorHome(dir);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), configJson);
        Files.writeString(home.agentsFile(), agentsJson);
        ConfigStore config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        var agents = new SubAgentContexts(
                home,
                config,
                entry -> true,
                (entry, agentHome, agentConfig) -> {
                    if (entry.name().equals("broken")) {
                        throw new IllegalStateException("No Telegram bot token");
                    }
                    var context = new GenericApplicationContext();
                    context.refresh();
                    return context;
                },
                Duration.ofMillis(50));
        agents.start();
        return new TestSubAgents(agents, config);
    }

    @Override
    public void close() {
        agents.stop();
    }
}
