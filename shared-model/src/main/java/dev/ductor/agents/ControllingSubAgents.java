package dev.ductor.agents;

import dev.ductor.lifecycle.ControlHandler;
import dev.ductor.model.Contract;
import dev.ductor.model.ControlAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's part of {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} (behaviour §2.21):
 * the main orchestrator's {@link ControlAgent} from the control fanout, applied to the gateway's own contexts
 * of its sub-agents, so that bot's polling or sync loop stops or starts. Every other command changes nothing.
 */
public final class ControllingSubAgents implements ControlHandler {

    private static final Logger log = LoggerFactory.getLogger(ControllingSubAgents.class);

    private final SubAgentContexts agents;

    public ControllingSubAgents(SubAgentContexts agents) {
        this.agents = agents;
    }

    @Override
    public void handle(Contract command) {
        if (command instanceof ControlAgent control) {
            agents.control(control.agent(), control.action()).whenComplete((outcome, error) -> {
                if (error != null) {
                    log.error("{} of sub-agent {} failed: {}", control.action(), control.agent(), error.toString());
                } else {
                    log.info("{} of sub-agent {}: {}", control.action(), control.agent(), outcome);
                }
            });
        }
    }
}
