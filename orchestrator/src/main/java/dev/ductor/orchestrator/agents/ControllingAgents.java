package dev.ductor.orchestrator.agents;

import dev.ductor.agents.AgentStatus;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.agents.SubAgentContexts.Outcome;
import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.ControlAgent.Action;
import dev.ductor.orchestrator.reply.Texts;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} (behaviour §2.21): the main orchestrator
 * applies the action to its own context of the sub-agent, then publishes it as {@link ControlAgent} on the
 * control fanout, so the gateway does the same to that bot's context (its polling). A sub-agent's context
 * runs no sub-agents and says where to ask.
 */
@Component
public final class ControllingAgents {

    /** Starting a context (its broker connection, its consumers) takes seconds; this is far beyond. */
    private static final long WAIT_SECONDS = 120;

    private final @Nullable SubAgentContexts subAgents;
    private final Bus bus;
    private final Texts texts;

    @Autowired
    ControllingAgents(ObjectProvider<SubAgentContexts> subAgents, Bus bus, Texts texts) {
        this(subAgents.getIfAvailable(), bus, texts);
    }

    public ControllingAgents(@Nullable SubAgentContexts subAgents, Bus bus, Texts texts) {
        this.subAgents = subAgents;
        this.bus = bus;
        this.texts = texts;
    }

    /** The answer to {@code /<command> <arguments>}, having done what it asks. */
    public String answer(String command, Action action, String[] arguments, String correlationId) {
        SubAgentContexts agents = subAgents;
        if (agents == null) {
            return texts.t("agents.control_main_only", "command", "/" + command);
        }
        if (arguments.length == 0) {
            return texts.t("agents.usage", "command", "/" + command);
        }
        String name = String.join(" ", arguments).toLowerCase(Locale.ROOT);
        if (name.equals(Topology.MAIN_AGENT)) {
            return switch (action) {
                case START -> texts.t("agents.already_running", "name", name);
                case STOP -> texts.t("agents.main_stop");
                case RESTART -> texts.t("agents.main_restart");
            };
        }
        Outcome outcome = control(agents, name, action);
        if (outcome != Outcome.UNKNOWN) {
            bus.control(new ControlAgent(name, action), correlationId);
        }
        return switch (outcome) {
            // ductor: stopping a name it does not run is "not running", whether or not agents.json has it
            case UNKNOWN ->
                action == Action.STOP
                        ? texts.t("agents.not_running", "name", name)
                        : texts.t("agents.unknown", "name", name);
            case NOT_RUNNING -> texts.t("agents.not_running", "name", name);
            case ALREADY_RUNNING -> texts.t("agents.already_running", "name", name);
            case STARTED -> texts.t("agents.started", "name", name);
            case STOPPED -> texts.t("agents.stopped", "name", name);
            case RESTARTED -> texts.t("agents.restarted", "name", name);
            case FAILED -> texts.t("agents.failed", "name", name, "error", lastError(agents, name));
        };
    }

    private static Outcome control(SubAgentContexts agents, String name, Action action) {
        try {
            return agents.control(name, action).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while controlling sub-agent " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("controlling sub-agent " + name + " failed", e);
        }
    }

    private static String lastError(SubAgentContexts agents, String name) {
        AgentStatus status = agents.statuses().get(name);
        String error = status == null ? null : status.lastError();
        return error == null ? "?" : error;
    }
}
