package dev.ductor.orchestrator.agents;

import dev.ductor.agents.AgentStatus;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.orchestrator.reply.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code /agents} (behaviour §2.21): the main agent and every sub-agent this orchestrator runs, each with
 * its status, how long it has run, its model, its restarts and, when it crashed, its last error. Answered in
 * the main agent's chats; a sub-agent's context runs no sub-agents and says where to ask.
 */
@Component
public final class ListingAgents {

    private static final Map<String, String> MARKS =
            Map.of("running", "●", "starting", "◐", "crashed", "✖", "stopped", "○");

    private final @Nullable SubAgentContexts subAgents;
    private final ConfigStore config;
    private final Texts texts;
    private final Clock clock;
    private final Instant started;

    @Autowired
    ListingAgents(ObjectProvider<SubAgentContexts> subAgents, ConfigStore config, Texts texts) {
        this(subAgents.getIfAvailable(), config, texts, Clock.systemUTC(), Instant.now());
    }

    ListingAgents(@Nullable SubAgentContexts subAgents, ConfigStore config, Texts texts, Clock clock, Instant started) {
        this.subAgents = subAgents;
        this.config = config;
        this.texts = texts;
        this.clock = clock;
        this.started = started;
    }

    public String answer() {
        SubAgentContexts agents = subAgents;
        if (agents == null) {
            return texts.t("agents.main_only");
        }
        List<String> lines = new ArrayList<>();
        lines.add(line("main", "main", new AgentStatus("running", started, 0, null), Optional.of(config.current())));
        new TreeMap<>(agents.statuses())
                .forEach((name, status) -> lines.add(line(name, "sub", status, agents.config(name))));
        return Texts.fmt(texts.t("agents.header"), Texts.SEP, String.join("\n", lines));
    }

    private String line(String name, String role, AgentStatus status, Optional<DuctorConfig> config) {
        StringBuilder line = new StringBuilder("  ")
                .append(MARKS.getOrDefault(status.state(), "?"))
                .append(" **")
                .append(name)
                .append("** [")
                .append(role)
                .append("] — ")
                .append(texts.t("agents.status_" + status.state()));
        Instant since = status.runningSince();
        if (status.state().equals("running") && since != null) {
            line.append(" (")
                    .append(human(Duration.between(since, clock.instant())))
                    .append(')');
        }
        config.ifPresent(c -> {
            line.append(" | ").append(c.model());
            if (!c.reasoningEffort().isBlank()) {
                line.append(" (").append(c.reasoningEffort()).append(')');
            }
        });
        if (status.restarts() > 0) {
            line.append(" (")
                    .append(texts.t("agents.restarts", "count", status.restarts()))
                    .append(')');
        }
        String error = status.lastError();
        if (status.state().equals("crashed") && error != null) {
            String cut = error.length() > 100 ? error.substring(0, 100) : error;
            line.append("\n      ").append(texts.t("agents.error", "error", cut));
        }
        return line.toString();
    }

    /** {@code 45s}, {@code 12m}, {@code 3h 5m}, {@code 2d 4h}. */
    static String human(Duration uptime) {
        long seconds = Math.max(0, uptime.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h " + minutes % 60 + "m";
        }
        return hours / 24 + "d " + hours % 24 + "h";
    }
}
