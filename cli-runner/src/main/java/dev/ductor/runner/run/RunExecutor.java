package dev.ductor.runner.run;

import dev.ductor.bus.Traces;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.Contract;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunHeartbeat;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.process.PipeThreads;
import dev.ductor.runner.process.ProcessTree;
import dev.ductor.runner.process.StderrTail;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.ScratchFiles;
import dev.ductor.state.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one CLI turn from request to {@link RunFinished}: finds the executable, spawns it in its own process
 * group with the prompt on stdin (then closed; never in argv), streams its decoded output, beats while it
 * lives, enforces the timeout, and always ends with exactly one {@code RunFinished}.
 *
 * <p>At most once: {@code ack} runs right before the spawn, never after the turn ran, so a runner that dies
 * mid-turn does not get the turn redelivered to another runner.
 */
@Component
public final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    private static final long TICK_MS = 250;
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Providers providers;
    private final ExecutableLocator locator;
    private final CliEnvironment environment;
    private final DuctorHome home;
    private final RunEvents events;
    private final ActiveRuns active;
    private final RunMetrics metrics;
    private final RunnerProperties properties;
    private final ScheduledExecutorService scheduler;
    private final ConfigStore configs;
    private final DockerSandbox sandbox;

    RunExecutor(
            Providers providers,
            ExecutableLocator locator,
            CliEnvironment environment,
            DuctorHome home,
            RunEvents events,
            ActiveRuns active,
            RunMetrics metrics,
            RunnerProperties properties,
            ScheduledExecutorService runnerScheduler,
            ConfigStore configs,
            DockerSandbox sandbox) {
        this.providers = providers;
        this.locator = locator;
        this.environment = environment;
        this.home = home;
        this.events = events;
        this.active = active;
        this.metrics = metrics;
        this.properties = properties;
        this.scheduler = runnerScheduler;
        this.configs = configs;
        this.sandbox = sandbox;
    }

    /** Executes the turn on the calling thread; {@code ack} is called exactly once, before any spawn. */
    public void execute(RunRequest request, Runnable ack) {
        Optional<ProviderCli> provider = providers.byName(request.provider());
        if (provider.isEmpty()) {
            ack.run();
            finishEarly(request, Outcome.ERROR, "cli_error: unknown provider '" + request.provider() + "'");
            return;
        }
        ProviderCli cli = provider.get();
        Optional<DockerSandbox.Container> container = sandbox.container();
        Optional<Path> executable = container.isPresent() ? Optional.of(Path.of(cli.name())) : locator.find(cli.name());
        if (executable.isEmpty()) {
            ack.run();
            finishEarly(
                    request,
                    Outcome.CLI_NOT_FOUND,
                    "cli_not_found: `%s` is not installed on runner %s (searched the cli-dirs and PATH). Install it: %s"
                            .formatted(cli.name(), properties.runnerId(), cli.installHint()));
            return;
        }
        Path scratch = home.root().resolve("tmp").resolve("run-" + request.runId());
        String input = cli.stdin(request);
        ProcessBuilder builder;
        try {
            Files.createDirectories(home.forAgent(request.chat().agent()).workspace());
            Path cwd = workingDirectory(request);
            ScratchFiles.createFolder(scratch);
            DuctorConfig config = configs.current();
            Map<String, String> variables = new HashMap<>(cli.environment(request, ROOT));
            variables.putAll(cli.turnFiles(request, scratch));
            variables.put("DUCTOR_RUN_ID", request.runId());
            Map<String, String> env = environment.build(request.chat(), cli.configVariables(config), variables);
            Optional<String> refusal = cli.refusal(env);
            if (refusal.isPresent()) {
                ack.run();
                deleteScratch(scratch);
                finishEarly(request, Outcome.ERROR, refusal.get());
                return;
            }
            List<String> argv = cli.command(executable.get(), request, scratch);
            if (container.isPresent()) {
                argv = argv.stream()
                        .map(arg -> arg.startsWith(scratch + "/") ? sandbox.translate(arg) : arg)
                        .toList();
                DockerSandbox.Placed placed = sandbox.place(container.get(), argv, cwd, env, environment.base(), true);
                argv = placed.argv();
                env = new HashMap<>(placed.env());
            }
            builder = new ProcessBuilder(ProcessTree.inOwnGroup(argv))
                    .directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().clear();
            builder.environment().putAll(env);
        } catch (IOException | RuntimeException e) {
            ack.run();
            deleteScratch(scratch);
            finishEarly(request, Outcome.ERROR, "cli_error: cannot prepare the run: " + e.getMessage());
            return;
        }
        ack.run();
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            feed(process, input);
        } catch (IOException e) {
            deleteScratch(scratch);
            finishEarly(request, Outcome.ERROR, "cli_error: cannot start " + cli.name() + ": " + e.getMessage());
            return;
        }
        try {
            supervise(
                    request,
                    cli,
                    container.isPresent()
                            ? new RunningCli(process, signal -> container.get().signal(request.runId(), signal))
                            : new RunningCli(process),
                    start);
        } finally {
            deleteScratch(scratch);
        }
    }

    /** Writes the prompt to stdin and closes it, off-thread (a CLI that does not read must not block us). */
    private static void feed(Process process, String input) {
        PipeThreads.start(Traces.current(), () -> {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.debug("stdin of pid {} closed early: {}", process.pid(), e.getMessage());
            }
        });
    }

    /** Removes the turn's scratch folder: one {@code rmdir} when the CLI wrote nothing into it. */
    private static void deleteScratch(Path scratch) {
        try {
            Files.deleteIfExists(scratch);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(scratch);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", scratch, e.getMessage());
        }
    }

    private static void deleteTree(Path scratch) {
        try {
            FileTrees.delete(scratch);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", scratch, e.getMessage());
        }
    }

    private void supervise(RunRequest request, ProviderCli cli, RunningCli running, long start) {
        active.add(request.runId(), running);
        try {
            follow(request, cli, running, start);
        } finally {
            // Only after its RunFinished is out (a runner shutting down waits for its active runs), and
            // also when following it failed, so a dead run never counts as active.
            active.remove(request.runId());
        }
    }

    private void follow(RunRequest request, ProviderCli cli, RunningCli running, long start) {
        String runId = request.runId();
        String runnerId = properties.runnerId();
        Process process = running.process();
        metrics.started(cli.name());
        log.info("Run {} started: {} pid {}", runId, cli.name(), process.pid());
        publish(request, new RunStarted(runId, runnerId, process.pid()), runId + ":started");

        // The heartbeat and the stdout reader run on other threads (the shared scheduler, a pipe thread):
        // they carry the turn's trace too.
        @Nullable String trace = Traces.current();
        var beats = new AtomicInteger();
        long interval = properties.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(
                () -> {
                    if (process.isAlive()) {
                        Traces.enter(trace);
                        int n = beats.incrementAndGet();
                        publish(request, new RunHeartbeat(runId, runnerId, Instant.now()), runId + ":hb:" + n);
                    }
                },
                interval,
                interval,
                TimeUnit.MILLISECONDS);
        var state = new TurnState();
        StderrTail stderr = StderrTail.of(process.getErrorStream());
        var output =
                new OutputPump(runId, cli, state, events.forAgent(request.chat().agent()), metrics, start);
        var deadline = new TurnDeadline(
                request.timeoutSeconds(),
                configs.current().timeouts(),
                System::nanoTime,
                output::status,
                () -> running.end(StopReason.TIMEOUT));
        output.onActivity(deadline::activity);
        @Nullable
        ScheduledFuture<?> timeout = request.timeoutSeconds() > 0
                ? scheduler.scheduleAtFixedRate(
                        () -> {
                            Traces.enter(trace);
                            deadline.tick();
                        },
                        TICK_MS,
                        TICK_MS,
                        TimeUnit.MILLISECONDS)
                : null;
        Future<?> reader = PipeThreads.start(trace, () -> output.pump(process.getInputStream()));

        int exitCode = awaitExit(running);
        running.killLeftovers(Duration.ofNanos(System.nanoTime() - start));
        join(reader);
        heartbeat.cancel(false);
        if (timeout != null) {
            timeout.cancel(false);
        }

        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        RunFinished finished = state.finish(
                runId,
                cli.name(),
                running.reason(),
                exitCode,
                wall.toMillis(),
                stderr.text(),
                deadline.elapsedSeconds(),
                output.decoder().silentExitError());
        if (deadline.extensions() > 0) {
            metrics.timeoutExtensions(cli.name(), deadline.extensions());
        }
        publish(request, finished, runId + ":finished");
        metrics.finished(finished, cli.name(), wall);
        log.info("Run {} finished: {} exit {} {}", runId, finished.outcome(), exitCode, finished.error());
    }

    private int awaitExit(RunningCli running) {
        while (true) {
            try {
                return running.process().waitFor();
            } catch (InterruptedException e) {
                // Only a shutdown interrupts a slot thread.
                running.end(StopReason.SHUTDOWN);
            }
        }
    }

    private static void join(Future<?> reader) {
        if (!PipeThreads.await(reader, Duration.ofSeconds(5))) {
            log.warn("stdout of a finished CLI is still open; giving up on the rest of it");
        }
    }

    private void finishEarly(RunRequest request, Outcome outcome, String error) {
        log.warn("Run {} not started: {}", request.runId(), error);
        var finished = new RunFinished(request.runId(), outcome, "", null, 0, 0, 0, -1, error);
        publish(request, finished, request.runId() + ":finished");
        metrics.finished(finished, request.provider(), Duration.ZERO);
    }

    private void publish(RunRequest request, Contract event, String messageId) {
        String runId = request.runId();
        try {
            events.forAgent(request.chat().agent()).publish(runId, event, messageId);
        } catch (RuntimeException e) {
            log.error("Cannot publish {} of run {}: {}", messageId, runId, e.toString());
        }
    }

    /**
     * The run's folder: its agent's workspace (a sub-agent's under {@code agents/<name>/}, behaviour §5.8), or
     * the request's folder inside it (a cron task's); never outside.
     */
    private Path workingDirectory(RunRequest request) {
        Path workspace = home.forAgent(request.chat().agent())
                .workspace()
                .toAbsolutePath()
                .normalize();
        if (request.workingDirectory() == null) {
            return workspace;
        }
        Path dir = workspace.resolve(request.workingDirectory()).normalize();
        if (!dir.startsWith(workspace) || !Files.isDirectory(dir) || !realPathInside(dir, workspace)) {
            throw new IllegalArgumentException(
                    "working directory " + request.workingDirectory() + " is not a folder inside the workspace");
        }
        return dir;
    }

    /** The folder is inside the workspace once symlinks are resolved (a linked task folder must not lead out). */
    private static boolean realPathInside(Path dir, Path workspace) {
        try {
            return dir.toRealPath().startsWith(workspace.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
