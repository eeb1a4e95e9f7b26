package dev.ductor.orchestrator.turn;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.AgentsFile;
import dev.ductor.agents.AgentsFileException;
import dev.ductor.bus.Topology;
import dev.ductor.config.DuctorHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ductor's {@code ## Active Agent Roster} block (behaviour §5.8), appended to the system prompt of a new
 * session when there are other agents to ask: the main agent and the sub-agents (Telegram and Matrix) of
 * {@code agents.json} (in the main home: a sub-agent's home is {@code agents/<name>/} below it).
 */
final class AgentRoster {

    private static final Logger log = LoggerFactory.getLogger(AgentRoster.class);

    private AgentRoster() {}

    static Optional<String> block(DuctorHome home, String me) {
        Path mainHome = me.equals(Topology.MAIN_AGENT)
                ? home.root()
                : home.root().getParent().getParent();
        List<String> others = new ArrayList<>();
        if (!me.equals(Topology.MAIN_AGENT)) {
            others.add(Topology.MAIN_AGENT);
        }
        try {
            for (AgentEntry entry : new AgentsFile(new DuctorHome(mainHome).agentsFile()).entries()) {
                if (!entry.name().equals(me)) {
                    others.add(entry.name());
                }
            }
        } catch (AgentsFileException e) {
            log.debug("No agent roster: {}", e.getMessage());
            return Optional.empty();
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("## Active Agent Roster\nYour name: `" + me + "`\nOther agents online: "
                + others.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "))
                + "\n\nUse `ask_agent.py` (sync) or `ask_agent_async.py` (async) to communicate.");
    }
}
