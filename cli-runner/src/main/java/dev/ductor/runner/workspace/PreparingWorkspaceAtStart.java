package dev.ductor.runner.workspace;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.AgentsFile;
import dev.ductor.agents.AgentsFileException;
import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.status.Logins;
import dev.ductor.workspace.PreparingWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seeds the workspace before the runner takes its first turn (behaviour §8.2), for the CLIs logged in on
 * this machine (judged as for {@code RunnerStatus}), then re-syncs rule files, shared memory and skills
 * every 10 s (behaviour §8.3–§8.5). The logins are asked again at each sync: when the set of logged-in CLIs
 * changed (a CLI logged in after the start), the workspace is prepared again for the new set, so its rule
 * files appear. The CLIs run where the runner runs, so this is where their workspace is made; a sub-agent's
 * (behaviour §5.8) too, at the first sync after it appears in {@code agents.json}.
 */
@Component
final class PreparingWorkspaceAtStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PreparingWorkspaceAtStart.class);

    private final Logins logins;
    private final PreparingWorkspace workspace;
    private final DuctorHome home;
    private final Path userHome;
    private final @Nullable Path codexHome;
    private final AgentsFile agents;
    /** The sub-agents' workspaces prepared so far, by name (behaviour §5.8). */
    private final Map<String, PreparingWorkspace> subAgents = new HashMap<>();

    private final Duration resyncEvery;
    private volatile Set<String> loggedIn = Set.of();
    private volatile ScheduledExecutorService clock = newClock();
    private volatile boolean running;

    @Autowired
    PreparingWorkspaceAtStart(Logins logins, CliEnvironment environment, DuctorHome home) {
        this(logins, environment, home, Duration.ofSeconds(10));
    }

    PreparingWorkspaceAtStart(Logins logins, CliEnvironment environment, DuctorHome home, Duration resyncEvery) {
        this.resyncEvery = resyncEvery;
        this.logins = logins;
        Map<String, String> base = environment.base();
        String userHome = Objects.requireNonNullElse(base.get("HOME"), System.getProperty("user.home"));
        String codexHome = base.get("CODEX_HOME");
        this.home = home;
        this.userHome = Path.of(userHome);
        this.codexHome = codexHome == null || codexHome.isBlank() ? null : Path.of(codexHome);
        this.agents = new AgentsFile(home.agentsFile());
        this.workspace = new PreparingWorkspace(home, this.userHome, this.codexHome);
    }

    @Override
    public void start() {
        prepare(logins.loggedIn());
        if (clock.isShutdown()) {
            clock = newClock();
        }
        long every = resyncEvery.toMillis();
        clock.scheduleWithFixedDelay(this::resync, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void prepare(Set<String> now) {
        loggedIn = now;
        if (now.isEmpty()) {
            log.warn("No CLI is logged in on this runner (as RunnerStatus judges it): no rule files are deployed");
        }
        try {
            workspace.prepare(now);
            log.info("Workspace prepared for {}", now);
        } catch (RuntimeException e) {
            log.error("Cannot prepare the workspace: {}", e.toString());
        }
        subAgents.clear();
        prepareSubAgents(now);
    }

    /**
     * The workspace of each sub-agent in {@code agents.json}, under {@code agents/<name>/}: prepared when it
     * first appears, synced afterwards. A file the services refuse changes nothing here either.
     */
    private void prepareSubAgents(Set<String> now) {
        List<AgentEntry> entries;
        try {
            entries = agents.entries();
        } catch (AgentsFileException e) {
            return; // reported by the services that run the agents
        }
        for (AgentEntry entry : entries) {
            try {
                PreparingWorkspace known = subAgents.get(entry.name());
                if (known == null) {
                    PreparingWorkspace fresh = PreparingWorkspace.forSubAgent(home, entry.name(), userHome, codexHome);
                    fresh.prepare(now);
                    subAgents.put(entry.name(), fresh);
                    log.info("Workspace of sub-agent {} prepared for {}", entry.name(), now);
                } else {
                    known.resync(now);
                }
            } catch (RuntimeException e) {
                log.warn("Cannot prepare the workspace of sub-agent {}: {}", entry.name(), e.toString());
            }
        }
    }

    private void resync() {
        try {
            Set<String> now = logins.loggedIn();
            if (!now.equals(loggedIn)) {
                log.info("The logged-in CLIs changed from {} to {}", loggedIn, now);
                prepare(now);
            } else {
                workspace.resync(now);
                prepareSubAgents(now);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot sync the workspace: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        clock.shutdownNow();
        try {
            // a sync under way finishes its writes before the service (or a test's folder) goes away
            if (!clock.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The workspace sync did not end within 10 s of the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the status reporter and the request takers: no turn runs in an unprepared workspace. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private static ScheduledExecutorService newClock() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("workspace-sync").daemon().factory());
    }
}
