package dev.ductor.cli.lifecycle;

import dev.ductor.cli.DuctorCommand;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ductor stop} (behaviour §11.8). */
@Command(
        name = "stop",
        description = "Stop ductor: the background service, bin/run-local, docker compose and the sandbox container.")
public final class StopCommand implements Callable<Integer> {

    @ParentCommand
    DuctorCommand root;

    @Option(
            names = "--timeout",
            defaultValue = "90",
            description =
                    "Seconds bin/run-local gets to stop gracefully before it is killed (default ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() {
        new Stopping(root.context()).stopAll(Deployment.detect(root.context()), Duration.ofSeconds(timeout));
        return 0;
    }
}
