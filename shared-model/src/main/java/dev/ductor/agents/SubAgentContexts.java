package dev.ductor.agents;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.logging.AgentMdc;
import dev.ductor.model.ControlAgent.Action;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The sub-agents a service serves beside its main agent (behaviour §5.8): one application context per
 * {@code agents.json} entry it {@code serves}, with {@code ductor.agent} the entry's name, {@code ductor.home}
 * its {@code agents/<name>/} and its effective {@code config.json} ({@link AgentConfigs}). The file is watched:
 * an entry added starts its context, one removed stops it, one whose transport or account changed is
 * restarted, any other change is written to its {@code config.json}, which the context reloads as the main
 * agent's. A change of the main {@code config.json} reaches every sub-agent the same way. A context that
 * fails to start is {@code crashed} and tried again with backoff (2 s doubling), five times at most. A user's
 * {@code /agent_start}, {@code /agent_stop} and {@code /agent_restart} act through {@link #control}.
 *
 * <p>One thread watches and decides; each context is built on its agent's own starter ({@link AgentStarters}),
 * so one slow to start (a gateway's waiting for its queues) holds neither the watcher nor another agent. It is
 * {@code starting} until then; a later change for that agent (removed, stopped, restarted, its account
 * changed) cancels the start under way, and a context that still comes of it is closed.
 *
 * <p>The contexts are children of one empty parent: they share no bean with the main context (each builds
 * its own from its own home) and, being children, leave the process' logging alone when they close. Given the
 * service's meter registry, each context's meters go there with {@code agent=<name>} ({@link AgentMeters});
 * a context is started and closed {@link AgentMdc#within} its agent's name, so the threads it makes log with it.
 */
public final class SubAgentContexts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubAgentContexts.class);
    private static final int MAX_ATTEMPTS = 5;

    /** Starts one sub-agent's context; its configuration is given, ready and hot-reloading. */
    @FunctionalInterface
    public interface Launcher {
        ConfigurableApplicationContext launch(AgentEntry entry, DuctorHome agentHome, ConfigStore config);
    }

    private record Running(AgentEntry entry, ConfigurableApplicationContext context, ConfigStore config) {}

    private record Failed(AgentEntry entry, int attempts, Instant retryAt) {}

    /** A start under way on its agent's starter; its fields are the watcher's. */
    private static final class Starting {
        private final AgentEntry launched;
        private final ConfigStore config;
        private final int attempt;
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();
        /** The entry as {@code agents.json} has it now (a change that needs no restart). */
        private AgentEntry entry;

        private @Nullable Future<?> task;

        Starting(AgentEntry launched, ConfigStore config, int attempt) {
            this.launched = launched;
            this.config = config;
            this.attempt = attempt;
            this.entry = launched;
        }

        String name() {
            return launched.name();
        }
    }

    /** How a start ended, handed back to the watcher's thread. */
    private record Started(
            Starting start,
            @Nullable ConfigurableApplicationContext context,
            @Nullable RuntimeException error) {}

    /** How {@link #control} ended. */
    public enum Outcome {
        /** No entry of that name in {@code agents.json} that this service serves. */
        UNKNOWN,
        /** {@code STOP} of an agent that was not running. */
        NOT_RUNNING,
        /** {@code START} of an agent that was running already. */
        ALREADY_RUNNING,
        STARTED,
        STOPPED,
        RESTARTED,
        /** It was asked to start but its context did not start (its status has the error). */
        FAILED
    }

    private final DuctorHome home;
    private final ConfigStore mainConfig;
    private final Predicate<AgentEntry> serves;
    private final Launcher launcher;
    private final Duration interval;
    private final AgentsWatcher watcher;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Failed> failed = new LinkedHashMap<>();
    private final Map<String, AgentStatus> statuses = new ConcurrentHashMap<>();
    private final AgentStarters starters = new AgentStarters();
    /** The starts under way, by agent: at most one each, a later one cancels it. */
    private final Map<String, Starting> starting = new HashMap<>();

    private final Queue<Started> started = new ConcurrentLinkedQueue<>();
    /** Stopped by a user: kept stopped while its entry stays, until started again or the service restarts. */
    private final Set<String> held = new HashSet<>();

    private List<AgentEntry> wanted = List.of();
    private volatile @Nullable ScheduledExecutorService executor;

    public SubAgentContexts(
            DuctorHome home,
            ConfigStore mainConfig,
            Predicate<AgentEntry> serves,
            Launcher launcher,
            Duration interval) {
        this.home = home;
        this.mainConfig = mainConfig;
        this.serves = serves;
        this.launcher = launcher;
        this.interval = interval;
        this.watcher = new AgentsWatcher(new AgentsFile(home.agentsFile()));
    }

    /**
     * The sub-agents {@code service} serves with {@code application}: each context answers through the gateway
     * of its agent ({@code ductor.bus.gateways=<tg|mx>.<name>}), named {@code <service>-<name>}. Their meters
     * stay in their own contexts (see the overload with the service's registry).
     */
    public static SubAgentContexts of(
            String service,
            Class<?> application,
            Predicate<AgentEntry> serves,
            DuctorHome home,
            ConfigStore mainConfig,
            Duration interval) {
        return of(service, application, serves, home, mainConfig, interval, null, Map.of());
    }

    /**
     * As {@link #of(String, Class, Predicate, DuctorHome, ConfigStore, Duration)}, with each context's meters in
     * {@code meters}, the service's registry, tagged {@code agent=<name>} ({@link AgentMeters}); without it
     * they stay in the contexts' own registries. {@code shared} objects of the main context are registered, by
     * name, as beans of every sub-agent's context (what all agents follow, such as the scheduler's lease;
     * usually none); a sub-agent's context does not close them.
     */
    public static SubAgentContexts of(
            String service,
            Class<?> application,
            Predicate<AgentEntry> serves,
            DuctorHome home,
            ConfigStore mainConfig,
            Duration interval,
            @Nullable MeterRegistry meters,
            Map<String, Object> shared) {
        return new SubAgentContexts(
                home, mainConfig, serves, spring(application, properties(service), meters, shared), interval);
    }

    private static Function<AgentEntry, Map<String, Object>> properties(String service) {
        return entry -> Map.of(
                "ductor.bus.gateways",
                (entry.telegram() ? "tg." : "mx.") + entry.name(),
                "spring.application.name",
                service + "-" + entry.name());
    }

    /**
     * A launcher of {@code application} (a {@code @SpringBootApplication}) without a web server, with the
     * sub-agent's name and home and {@code properties} of the service's own.
     */
    public static Launcher spring(Class<?> application, Function<AgentEntry, Map<String, Object>> properties) {
        return spring(application, properties, null);
    }

    /**
     * As {@link #spring(Class, Function)}; with {@code meters} (the service's registry) the context's meter
     * registry is an {@link AgentMeters} on it instead of registries of its own.
     */
    public static Launcher spring(
            Class<?> application,
            Function<AgentEntry, Map<String, Object>> properties,
            @Nullable MeterRegistry meters) {
        return spring(application, properties, meters, Map.of());
    }

    /** As {@link #spring(Class, Function, MeterRegistry)}, with {@code shared} registered by name in every context. */
    public static Launcher spring(
            Class<?> application,
            Function<AgentEntry, Map<String, Object>> properties,
            @Nullable MeterRegistry meters,
            Map<String, Object> shared) {
        Map<String, Object> singletons = Map.copyOf(shared);
        GenericApplicationContext parent = new GenericApplicationContext();
        parent.refresh();
        return (entry, agentHome, config) -> {
            Map<String, Object> values = new HashMap<>(properties.apply(entry));
            values.put("ductor.agent", entry.name());
            values.put("ductor.home", agentHome.root().toString());
            values.put("ductor.restart.on-request", "false");
            AgentMeters agentMeters = meters == null ? null : new AgentMeters(meters, entry.name());
            if (agentMeters != null) {
                values.put("management.defaults.metrics.export.enabled", "false");
            }
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("ductor-sub-agent", values));
            try {
                return new SpringApplicationBuilder(application)
                        .parent(parent)
                        .environment(environment)
                        .web(WebApplicationType.NONE)
                        .bannerMode(Banner.Mode.OFF)
                        .registerShutdownHook(false)
                        .initializers(context -> {
                            context.getBeanFactory().registerSingleton("ductorConfigStore", config);
                            singletons.forEach(context.getBeanFactory()::registerSingleton);
                            if (agentMeters != null) {
                                agentMeters.register(context);
                            }
                        })
                        .run();
            } catch (RuntimeException e) {
                if (agentMeters != null) {
                    agentMeters.release();
                }
                throw e;
            }
        };
    }

    /** Each sub-agent's status in this service, by name. */
    public Map<String, AgentStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /** The bean of {@code type} in each running sub-agent's context (for what spans all agents). */
    public <T> List<T> beans(Class<T> type) {
        return running.values().stream()
                .map(run -> run.context().getBeanProvider(type).getIfAvailable())
                .filter(Objects::nonNull)
                .toList();
    }

    /** The bean of {@code type} in the context of sub-agent {@code name}, while it runs. */
    public <T> Optional<T> bean(String name, Class<T> type) {
        return Optional.ofNullable(running.get(name))
                .map(run -> run.context().getBeanProvider(type).getIfAvailable());
    }

    /** The configuration a running sub-agent works with now. */
    public Optional<DuctorConfig> config(String name) {
        return Optional.ofNullable(running.get(name)).map(run -> run.config().current());
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sub-agents").daemon().factory());
        executor = clock;
        mainConfig.onChange(config -> {
            ScheduledExecutorService current = executor;
            if (current != null) {
                current.execute(this::rewriteConfigs);
            }
        });
        clock.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            watcher.poll().ifPresent(entries -> {
                wanted = entries.stream().filter(serves).toList();
                apply();
            });
            settleStarted();
            retryFailed();
        } catch (Throwable e) {
            // A task that throws is never run again: watching must outlive any one failure.
            log.error("Checking the sub-agents failed; trying again", e);
        }
    }

    private void apply() {
        Map<String, AgentEntry> byName = new LinkedHashMap<>();
        wanted.forEach(entry -> byName.put(entry.name(), entry));
        for (String name : List.copyOf(running.keySet())) {
            if (!byName.containsKey(name)) {
                stop(name, "removed from agents.json");
                statuses.put(name, new AgentStatus("stopped", null, restarts(name), null));
            }
        }
        for (String name : List.copyOf(starting.keySet())) {
            if (!byName.containsKey(name)) {
                cancelStart(name, "removed from agents.json");
            }
        }
        failed.keySet().removeIf(name -> !byName.containsKey(name));
        held.removeIf(name -> !byName.containsKey(name));
        statuses.keySet().removeIf(name -> !byName.containsKey(name) && !running.containsKey(name));
        for (AgentEntry entry : byName.values()) {
            Running current = running.get(entry.name());
            Starting pending = starting.get(entry.name());
            if (held.contains(entry.name())) {
                continue;
            } else if (pending != null) {
                if (pending.launched.credentials().equals(entry.credentials())) {
                    pending.entry = entry;
                    writeConfig(entry);
                } else {
                    cancelStart(entry.name(), "its transport or account changed");
                    launch(entry, 1);
                }
            } else if (current == null) {
                failed.remove(entry.name());
                launch(entry, 1);
            } else if (!current.entry().credentials().equals(entry.credentials())) {
                stop(entry.name(), "its transport or account changed");
                launch(entry, 1);
                AgentStatus status = statuses.get(entry.name());
                if (status != null) {
                    statuses.put(
                            entry.name(),
                            new AgentStatus(
                                    status.state(), status.runningSince(), status.restarts() + 1, status.lastError()));
                }
            } else {
                running.put(entry.name(), new Running(entry, current.context(), current.config()));
                writeConfig(entry);
            }
        }
    }

    /**
     * A user's start, stop or restart of one sub-agent (behaviour §2.21), decided on the watcher's thread so it
     * never races a change of the file; it ends when the agent's context has started (or failed to), which
     * happens on the agent's starter and holds neither the watcher nor any other agent. A stop cancels a start
     * under way. An agent stopped so stays stopped, whatever the watcher sees, until it is started again, its
     * entry is removed, or the service restarts.
     */
    public CompletableFuture<Outcome> control(String name, Action action) {
        ScheduledExecutorService clock = executor;
        if (clock == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the sub-agents are not being served"));
        }
        return CompletableFuture.supplyAsync(() -> controlNow(name, action), clock)
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Outcome> controlNow(String name, Action action) {
        AgentEntry entry = wanted.stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElse(null);
        if (entry == null) {
            return CompletableFuture.completedFuture(Outcome.UNKNOWN);
        }
        boolean wasRunning = running.containsKey(name);
        switch (action) {
            case STOP -> {
                failed.remove(name);
                held.add(name);
                boolean wasStarting = cancelStart(name, "stopped by the user");
                if (!wasRunning && !wasStarting) {
                    return CompletableFuture.completedFuture(Outcome.NOT_RUNNING);
                }
                stop(name, "stopped by the user");
                statuses.put(name, new AgentStatus("stopped", null, restarts(name), null));
                return CompletableFuture.completedFuture(Outcome.STOPPED);
            }
            case START -> {
                if (wasRunning) {
                    return CompletableFuture.completedFuture(Outcome.ALREADY_RUNNING);
                }
                held.remove(name);
                failed.remove(name);
                Starting pending = starting.get(name);
                CompletableFuture<Boolean> start = pending != null ? pending.done : launch(entry, 1);
                return start.thenApply(ok -> ok ? Outcome.STARTED : Outcome.FAILED);
            }
            case RESTART -> {
                held.remove(name);
                failed.remove(name);
                cancelStart(name, "restarted by the user");
                stop(name, "restarted by the user");
                AgentStatus before = statuses.get(name);
                if (before != null && wasRunning) {
                    statuses.put(
                            name, new AgentStatus(before.state(), before.runningSince(), before.restarts() + 1, null));
                }
                return launch(entry, 1).thenApply(ok -> ok ? Outcome.RESTARTED : Outcome.FAILED);
            }
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    /**
     * Starts {@code entry}'s context on its agent's starter; the result is true once it runs, false when it
     * failed or its start was cancelled. Its configuration is written here, on the watcher's thread.
     */
    private CompletableFuture<Boolean> launch(AgentEntry entry, int attempt) {
        statuses.put(entry.name(), new AgentStatus("starting", null, restarts(entry.name()), null));
        DuctorHome agentHome;
        ConfigStore config;
        try {
            agentHome = home.agent(entry.name());
            AgentConfigs.write(home, entry);
            config = new ConfigStore(
                    new ConfigLoader(AgentConfigs.environment(System.getenv(), entry)), agentHome.configFile());
        } catch (RuntimeException e) {
            crashed(entry, attempt, e);
            return CompletableFuture.completedFuture(false);
        }
        log.info("Starting sub-agent {} ({})", entry.name(), entry.transport());
        Starting start = new Starting(entry, config, attempt);
        starting.put(entry.name(), start);
        start.task = starters.submit(entry.name(), () -> startOff(start, agentHome));
        return start.done;
    }

    /** On the agent's starter: builds its context and hands how that ended back to the watcher. */
    private void startOff(Starting start, DuctorHome agentHome) {
        Started ended;
        try {
            ended = new Started(
                    start,
                    AgentMdc.within(start.name(), () -> launcher.launch(start.launched, agentHome, start.config)),
                    null);
        } catch (RuntimeException e) {
            ended = new Started(start, null, e);
        }
        ScheduledExecutorService clock = executor;
        if (clock == null) {
            // the service stops: nobody will take it
            close(ended.start().name(), ended.context(), "the service stops");
            return;
        }
        started.add(ended);
        try {
            clock.execute(this::settleStarted);
        } catch (RejectedExecutionException e) {
            // stopping: stop() settles what is left
        }
    }

    private void settleStarted() {
        for (Started ended = started.poll(); ended != null; ended = started.poll()) {
            settle(ended);
        }
    }

    private void settle(Started ended) {
        Starting start = ended.start();
        String name = start.name();
        ConfigurableApplicationContext context = ended.context();
        if (starting.get(name) != start) {
            close(name, context, "its start was cancelled");
            return;
        }
        starting.remove(name);
        if (context != null) {
            running.put(name, new Running(start.entry, context, start.config));
            statuses.put(name, new AgentStatus("running", Instant.now(), restarts(name), null));
            start.done.complete(true);
        } else {
            crashed(start.entry, start.attempt, Objects.requireNonNull(ended.error()));
            start.done.complete(false);
        }
    }

    /** Cancels {@code name}'s start under way, if any (interrupting it); tells whether there was one. */
    private boolean cancelStart(String name, String why) {
        Starting start = starting.remove(name);
        if (start == null) {
            return false;
        }
        log.info("Cancelling the start of sub-agent {}: {}", name, why);
        Future<?> task = start.task;
        if (task != null) {
            task.cancel(true);
        }
        start.done.complete(false);
        return true;
    }

    private void crashed(AgentEntry entry, int attempt, RuntimeException e) {
        String error = Objects.requireNonNullElse(rootCause(e).getMessage(), e.toString());
        log.error("Sub-agent {} did not start (attempt {} of {}): {}", entry.name(), attempt, MAX_ATTEMPTS, error);
        statuses.put(entry.name(), new AgentStatus("crashed", null, restarts(entry.name()), error));
        if (attempt < MAX_ATTEMPTS) {
            long backoff = 2_000L << (attempt - 1);
            failed.put(entry.name(), new Failed(entry, attempt, Instant.now().plusMillis(backoff)));
        } else {
            failed.remove(entry.name());
        }
    }

    private void retryFailed() {
        Instant now = Instant.now();
        for (Failed failure : List.copyOf(failed.values())) {
            String name = failure.entry().name();
            if (!failure.retryAt().isAfter(now) && !running.containsKey(name) && !starting.containsKey(name)) {
                failed.remove(name);
                launch(failure.entry(), failure.attempts() + 1);
            }
        }
    }

    private void rewriteConfigs() {
        running.values().forEach(run -> writeConfig(run.entry()));
        starting.values().forEach(start -> writeConfig(start.entry));
    }

    private void writeConfig(AgentEntry entry) {
        try {
            AgentConfigs.write(home, entry);
        } catch (RuntimeException e) {
            log.error("Cannot update the configuration of sub-agent {}: {}", entry.name(), e.getMessage());
        }
    }

    private void stop(String name, String why) {
        Running run = running.remove(name);
        if (run != null) {
            close(name, run.context(), why);
        }
    }

    private static void close(String name, @Nullable ConfigurableApplicationContext context, String why) {
        if (context == null) {
            return;
        }
        log.info("Stopping sub-agent {}: {}", name, why);
        try {
            AgentMdc.within(name, () -> {
                context.close();
                return null;
            });
        } catch (RuntimeException e) {
            log.error("Stopping sub-agent {} failed: {}", name, e.toString());
        }
    }

    private int restarts(String name) {
        AgentStatus status = statuses.get(name);
        return status == null ? 0 : status.restarts();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService clock = executor;
        executor = null;
        if (clock == null) {
            return;
        }
        clock.shutdownNow();
        try {
            clock.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the watcher has ended: what it owned is this thread's now
        starters.shutdown(Duration.ofSeconds(30));
        settleStarted();
        List.copyOf(starting.keySet()).forEach(name -> cancelStart(name, "the service stops"));
        List.copyOf(running.keySet()).forEach(name -> stop(name, "the service stops"));
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
