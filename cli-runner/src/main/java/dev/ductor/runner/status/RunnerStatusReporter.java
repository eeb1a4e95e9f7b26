package dev.ductor.runner.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.RunnerStatus;
import dev.ductor.model.RunnerStatus.ProviderStatus;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.models.DiscoveredModels;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.run.ActiveRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes a {@link RunnerStatus} when the runner starts and every {@code status-interval} (30 s): slots,
 * the runs it holds, and per provider installed (executable found), authenticated (login files or keys,
 * judged like a turn's environment would), the version ({@code --version}, asked once) and the models it offers
 * ({@link DiscoveredModels}, asked at start and hourly in the background; a report follows as soon as they
 * changed).
 */
@Component
public final class RunnerStatusReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunnerStatusReporter.class);

    private final Providers providers;
    private final ExecutableLocator locator;
    private final ConfigStore configs;
    private final ActiveRuns active;
    private final RunnerProperties properties;
    private final StatusSink sink;
    private final Logins logins;
    private final DiscoveredModels models;
    private final CliVersions versions = new CliVersions(Duration.ofSeconds(5));
    private final AtomicLong sequence = new AtomicLong();
    private volatile ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean running;

    RunnerStatusReporter(
            Providers providers,
            ExecutableLocator locator,
            Logins logins,
            ConfigStore configs,
            ActiveRuns active,
            RunnerProperties properties,
            StatusSink sink,
            DiscoveredModels models) {
        this.providers = providers;
        this.locator = locator;
        this.logins = logins;
        this.configs = configs;
        this.active = active;
        this.properties = properties;
        this.sink = sink;
        this.models = models;
    }

    /** The status as of now. */
    public RunnerStatus status() {
        var config = configs.current();
        var providerStatuses = providers.all().stream()
                .map(cli -> {
                    Optional<Path> executable = locator.find(cli.name());
                    return new ProviderStatus(
                            cli.name(),
                            executable.isPresent(),
                            logins.authenticated(cli, config),
                            executable.flatMap(versions::of).orElse(null),
                            models.of(cli.name()));
                })
                .toList();
        return new RunnerStatus(
                properties.runnerId(), properties.slots(), active.ids(), providerStatuses, Instant.now());
    }

    /** Builds and publishes one status; never throws (a lost report is replaced by the next). */
    public void report() {
        try {
            RunnerStatus status = status();
            sink.publish(status, status.runnerId() + ":status:" + sequence.incrementAndGet());
        } catch (RuntimeException e) {
            log.warn("Cannot publish the runner status: {}", e.toString());
        }
        models.refreshIfDue(this::report);
    }

    @Override
    public void start() {
        if (clock.isShutdown()) {
            clock = Executors.newSingleThreadScheduledExecutor();
        }
        long every = properties.statusInterval().toMillis();
        clock.scheduleAtFixedRate(this::report, 0, every, TimeUnit.MILLISECONDS);
        running = true;
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

    /** After the bus and the listeners are up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
