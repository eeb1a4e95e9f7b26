package dev.ductor.runner.models;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The models each installed CLI of this runner offers (behaviour §4.3, §4.4), asked at the runner's start and
 * again once an hour, one CLI after the other on a background thread so that a status report never waits for
 * a CLI. A failed ask keeps the earlier answer (and is asked again at the next report); a CLI that is no longer
 * installed loses its list (a report follows). The CLI is run with
 * the environment a turn would get ({@code config.json}'s and {@code .env}'s variables included), in the
 * workspace; with the Docker sandbox, in the container as a turn is ({@link DockerSandbox#place}), so the list
 * is that of the CLI the turns use (Gemini's files are read there too).
 */
@Component
public final class DiscoveredModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscoveredModels.class);
    static final Duration REFRESH = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofMinutes(1);

    private record Known(@Nullable List<ModelInfo> models, Instant askedAt, boolean failed) {}

    private final List<ModelLister> listers;
    private final Providers providers;
    private final ExecutableLocator locator;
    private final CliEnvironment environment;
    private final ConfigStore configs;
    private final DockerSandbox sandbox;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicBoolean asking = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("model-discovery").daemon(true).factory());

    @Autowired
    public DiscoveredModels(
            Providers providers,
            ExecutableLocator locator,
            CliEnvironment environment,
            ConfigStore configs,
            DuctorHome home,
            DockerSandbox sandbox) {
        this(
                List.of(
                        new CodexAppServer(Duration.ofSeconds(30), () -> workingDirectory(home)),
                        new GeminiModelFiles(Duration.ofSeconds(30), () -> workingDirectory(home))),
                providers,
                locator,
                environment,
                configs,
                sandbox,
                Clock.systemUTC());
    }

    DiscoveredModels(
            List<ModelLister> listers,
            Providers providers,
            ExecutableLocator locator,
            CliEnvironment environment,
            ConfigStore configs,
            DockerSandbox sandbox,
            Clock clock) {
        this.listers = List.copyOf(listers);
        this.providers = providers;
        this.locator = locator;
        this.environment = environment;
        this.configs = configs;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    /** The models last found for {@code provider}; null before the first answer or for a CLI without a list. */
    public @Nullable List<ModelInfo> of(String provider) {
        Known k = known.get(provider);
        return k == null ? null : k.models();
    }

    /**
     * Starts asking, in the background, every installed CLI whose answer is missing or older than an hour
     * (a failed one after a minute); {@code whenDone} runs after an ask that changed something.
     */
    public void refreshIfDue(Runnable whenDone) {
        if (listers.stream().noneMatch(this::due) || !asking.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    if (askDue()) {
                        whenDone.run();
                    }
                } finally {
                    asking.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            asking.set(false);
        }
    }

    /** Asks every due CLI now, on the calling thread; whether any answer changed. */
    boolean askDue() {
        boolean changed = false;
        for (ModelLister lister : listers) {
            if (due(lister)) {
                changed |= ask(lister);
            }
        }
        return changed;
    }

    private boolean due(ModelLister lister) {
        Known k = known.get(lister.provider());
        if (k == null) {
            return true;
        }
        Duration wait = k.failed() || k.models() == null ? RETRY : REFRESH;
        return !clock.instant().isBefore(k.askedAt().plus(wait));
    }

    private boolean ask(ModelLister lister) {
        String provider = lister.provider();
        Known before = known.get(provider);
        // in the sandbox the CLI is the container's, found on its PATH as a turn finds it (behaviour §8.6)
        Optional<DockerSandbox.Container> container = sandbox.container();
        Optional<Path> executable = container.isPresent() ? Optional.of(Path.of(provider)) : locator.find(provider);
        var cli = providers.byName(provider);
        if (executable.isEmpty() || cli.isEmpty()) {
            known.put(provider, new Known(null, clock.instant(), false));
            return before != null && before.models() != null;
        }
        ModelLister.Placement placement = container
                .<ModelLister.Placement>map(
                        c -> (argv, cwd, env, stdin) -> sandbox.place(c, argv, cwd, env, environment.base(), stdin))
                .orElse(ModelLister.Placement.HOST);
        try {
            var env = environment.machine(cli.get().configVariables(configs.current()));
            List<ModelInfo> models = lister.list(executable.get(), env, placement);
            known.put(provider, new Known(models, clock.instant(), false));
            log.info("{} offers {} model(s)", provider, models.size());
            return before == null || !models.equals(before.models());
        } catch (Exception e) {
            log.warn("Cannot list the models of {}: {}", provider, e.getMessage());
            known.put(provider, new Known(before == null ? null : before.models(), clock.instant(), true));
            return false;
        }
    }

    /** Stops a running ask (its CLI is ended by the lister's own cleanup). */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static Path workingDirectory(DuctorHome home) {
        Path workspace = home.workspace();
        return Files.isDirectory(workspace) ? workspace : home.root();
    }
}
