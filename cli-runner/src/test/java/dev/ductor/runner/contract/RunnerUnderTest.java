package dev.ductor.runner.contract;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.Contract;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.run.RunEvents;
import dev.ductor.runner.run.RunExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The runner's real run path without a broker: the {@code run} and {@code provider} packages wired by
 * Spring as in the service (RunExecutor, the three ProviderClis with their command builders and decoders),
 * the CLIs found only in {@code cliDir}, and the run events recorded in memory.
 */
final class RunnerUnderTest implements AutoCloseable {

    /** An event as the runner published it, and when. */
    record Published(String runId, Contract event, Instant at) {}

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    private final List<Published> published = new CopyOnWriteArrayList<>();

    RunnerUnderTest(Path cliDir, DuctorHome home, Map<String, String> baseEnvironment) {
        this(cliDir, home, baseEnvironment, "");
    }

    /** With {@code toolPath} searched after {@code cliDir} for other programs (the sandbox's {@code docker}). */
    RunnerUnderTest(Path cliDir, DuctorHome home, Map<String, String> baseEnvironment, String toolPath) {
        var properties = new RunnerProperties("contract-runner", 2, Duration.ofSeconds(5), List.of(cliDir));
        context.registerBean(RunnerProperties.class, () -> properties);
        context.registerBean(DuctorHome.class, () -> home);
        context.registerBean(ExecutableLocator.class, () -> new ExecutableLocator(properties.cliDirs(), ""));
        context.registerBean(CliEnvironment.class, () -> new CliEnvironment(baseEnvironment, home));
        var configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        context.registerBean(ConfigStore.class, () -> configs);
        Path userHome = Path.of(baseEnvironment.getOrDefault("HOME", System.getProperty("user.home")));
        context.registerBean(
                DockerSandbox.class,
                () -> new DockerSandbox(
                        new ExecutableLocator(properties.cliDirs(), toolPath), home, configs, userHome, null));
        context.registerBean(
                RunEvents.class,
                () -> (runId, event, messageId) -> published.add(new Published(runId, event, Instant.now())));
        context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
        context.registerBean(
                "runnerScheduler",
                ScheduledExecutorService.class,
                () -> Executors.newScheduledThreadPool(2),
                definition -> definition.setDestroyMethodName("shutdownNow"));
        context.scan("dev.ductor.runner.run", "dev.ductor.runner.provider");
        context.refresh();
    }

    /** Runs the turn to its end on this thread and returns its one {@link RunFinished}. */
    RunFinished run(RunRequest request) {
        context.getBean(RunExecutor.class).execute(request, () -> {});
        return events(request.runId(), RunFinished.class).getFirst();
    }

    /** A {@code /stop} of the run, as the runner's control consumer does it. */
    boolean stop(String runId) {
        return context.getBean(dev.ductor.runner.run.ActiveRuns.class)
                .cancel(runId, dev.ductor.model.CancelRun.Mode.STOP);
    }

    <T extends Contract> List<T> events(String runId, Class<T> type) {
        return published.stream()
                .filter(p -> p.runId().equals(runId))
                .map(Published::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    List<RunOutput> outputs(String runId) {
        return events(runId, RunOutput.class);
    }

    /** Every event of the run with the time it was published, in order. */
    List<Published> published(String runId) {
        return published.stream().filter(p -> p.runId().equals(runId)).toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
