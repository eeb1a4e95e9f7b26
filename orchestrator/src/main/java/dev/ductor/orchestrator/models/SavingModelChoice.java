package dev.ductor.orchestrator.models;

import dev.ductor.agents.AgentConfigs;
import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.AgentsFile;
import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.config.ConfigWriter;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a model chosen outside topics is kept (behaviour §2.12, §5.8): the main agent's in its
 * {@code config.json}; a sub-agent's in its entry of the main home's {@code agents.json} ({@code provider},
 * {@code model}, {@code reasoning_effort}), since its own {@code config.json} is rendered from that entry and
 * would lose the choice at the next change. The agent's effective configuration is rendered at once and
 * reloaded, so the next message uses the model; the watcher of {@code agents.json} sees only keys that
 * restart no agent.
 */
@Component
class SavingModelChoice {

    private final ConfigWriter configWriter;
    private final ConfigStore config;
    private final DuctorHome home;
    private final String agent;

    SavingModelChoice(
            ConfigWriter configWriter,
            ConfigStore config,
            DuctorHome home,
            @Value("${ductor.agent:main}") String agent) {
        this.configWriter = configWriter;
        this.config = config;
        this.home = home;
        this.agent = agent;
    }

    void save(Map<String, String> changes) {
        if (agent.equals(Topology.MAIN_AGENT)) {
            configWriter.set(changes);
            return;
        }
        DuctorHome main = AgentConfigs.mainHome(home);
        AgentEntry entry = new AgentsFile(main.agentsFile()).update(agent, changes);
        AgentConfigs.write(main, entry);
        config.reloadIfChanged();
    }
}
