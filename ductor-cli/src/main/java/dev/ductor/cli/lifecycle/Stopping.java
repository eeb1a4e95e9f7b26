package dev.ductor.cli.lifecycle;

import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.service.ServiceCommand;
import dev.ductor.config.ConfigException;
import dev.ductor.config.DuctorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops ductor every way it runs here (behaviour §11.8), in ductor's order: the background service first (its
 * supervisor would start the rest again), then a {@code bin/run-local} of this home, then the docker compose
 * containers, then the CLI sandbox container. Says what it did, line by line.
 */
final class Stopping {

    private final Context context;
    private final Console console;

    Stopping(Context context) {
        this.context = context;
        this.console = context.console();
    }

    /** Stops everything found; whether anything was running. */
    boolean stopAll(Deployment deployment, Duration grace) {
        boolean any = false;
        if (deployment.serviceInstalled()) {
            ServiceCommand.manager(context).stop();
            console.println("Stopped the background service (`ductor service start` starts it again).");
            any = true;
        }
        // The service's stop ends the run-local it started; look again rather than trust the first look.
        Optional<RunLocalProcess> runLocal = RunLocalProcess.find(context.home().root());
        if (runLocal.isPresent()) {
            RunLocalProcess process = runLocal.get();
            console.println("Stopping bin/run-local (pid " + process.pid() + "); its services finish what they can …");
            if (process.stop(grace)) {
                console.println("bin/run-local stopped.");
            } else {
                console.println("bin/run-local did not stop within " + grace.toSeconds()
                        + " s: it and every process it started were killed.");
            }
            any = true;
        }
        if (deployment.composeRunning()) {
            if (Deployment.composeCommand(context, List.of("stop")).isPresent()) {
                console.println("Stopped the docker compose containers (`docker compose up -d` starts them again).");
            } else {
                console.println("Could not stop the docker compose containers: run `docker compose stop` in "
                        + context.repo() + ".");
            }
            any = true;
        }
        config().filter(config -> config.docker().enabled()).ifPresent(config -> {
            String container = config.docker().containerName();
            ProcessRunner.Result removed = context.processes().run(List.of("docker", "rm", "-f", container));
            if (removed.ok()) {
                console.println("Removed the sandbox container " + container + ".");
            }
        });
        if (!any) {
            console.println("ductor is not running here.");
        }
        return any;
    }

    /** The configuration when there is a readable one. */
    Optional<DuctorConfig> config() {
        if (!context.hasConfig()) {
            return Optional.empty();
        }
        try {
            return Optional.of(context.configLoader().read(context.configFile()));
        } catch (ConfigException e) {
            console.println("(config.json cannot be read: " + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
