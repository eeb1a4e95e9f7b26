package dev.ductor.runner.workspace;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.status.Logins;
import dev.ductor.workspace.PreparingWorkspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seeds the workspace before the runner takes its first turn (behaviour §8.2), for the CLIs logged in on
 * this machine (judged as for {@code RunnerStatus}), then re-syncs rule files, shared memory and skills
 * every 10 s (behaviour §8.3–§8.5). The CLIs run where the runner runs, so this is where their workspace is made.
 */
@Component
final class PreparingWorkspaceAtStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PreparingWorkspaceAtStart.class);

    private final Logins logins;
    private final PreparingWorkspace workspace;
    private final Duration resyncEvery;
    private volatile Set<String> loggedIn = Set.of();
    private volatile ScheduledExecutorService clock = newClock();
    private volatile boolean running;

    @Autowired
    PreparingWorkspaceAtStart(Providers providers, CliEnvironment environment, ConfigStore configs, DuctorHome home) {
        this(providers, environment, configs, home, Duration.ofSeconds(10));
    }

    PreparingWorkspaceAtStart(
            Providers providers,
            CliEnvironment environment,
            ConfigStore configs,
            DuctorHome home,
            Duration resyncEvery) {
        this.resyncEvery = resyncEvery;
        this.logins = new Logins(providers, environment, configs);
        Map<String, String> base = environment.base();
        String userHome = Objects.requireNonNullElse(base.get("HOME"), System.getProperty("user.home"));
        String codexHome = base.get("CODEX_HOME");
        this.workspace = new PreparingWorkspace(
                home, Path.of(userHome), codexHome == null || codexHome.isBlank() ? null : Path.of(codexHome));
    }

    /** The providers logged in on this machine, as {@code RunnerStatus} reports them. */
    Set<String> loggedIn() {
        return logins.loggedIn();
    }

    @Override
    public void start() {
        loggedIn = loggedIn();
        if (loggedIn.isEmpty()) {
            log.warn("No CLI is logged in on this runner (as RunnerStatus judges it): no rule files are deployed");
        }
        try {
            workspace.prepare(loggedIn);
            log.info("Workspace prepared for {}", loggedIn);
        } catch (RuntimeException e) {
            log.error("Cannot prepare the workspace: {}", e.toString());
        }
        if (clock.isShutdown()) {
            clock = newClock();
        }
        long every = resyncEvery.toMillis();
        clock.scheduleWithFixedDelay(this::resync, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void resync() {
        try {
            workspace.resync(loggedIn);
        } catch (RuntimeException e) {
            log.warn("Cannot sync the workspace: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        clock.shutdownNow();
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
