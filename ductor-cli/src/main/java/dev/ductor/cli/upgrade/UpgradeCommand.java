package dev.ductor.cli.upgrade;

import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.lifecycle.Deployment;
import dev.ductor.cli.status.ServiceProbe;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ductor upgrade} (behaviour §11.7): says which version runs and how to upgrade the way this
 * machine runs ductor — docker compose, the background service, or {@code bin/run-local}.
 */
@Command(name = "upgrade", description = "How to upgrade, for the way ductor runs here, and the running version.")
public final class UpgradeCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    DuctorCommand root;

    @Override
    public Integer call() {
        Context context = root.context();
        Console console = context.console();
        var orchestrator = ServiceProbe.SERVICES.get(1);
        ServiceProbe.Health health = new ServiceProbe().probe(orchestrator.port(context.env()));
        console.println("Running version: "
                + (health.running() && !health.version().isEmpty()
                        ? health.version()
                        : "none (the orchestrator does not answer on port " + orchestrator.port(context.env()) + ")"));
        ProcessRunner.Result head = context.processes()
                .run(List.of("git", "-C", context.repo().toString(), "log", "-1", "--format=%h %cs %s"));
        if (head.ok()) {
            console.println(
                    "Checkout " + context.repo() + " at " + head.output().strip());
        }
        console.println("");
        Deployment deployment = Deployment.detect(context);
        boolean composeRunning = deployment.composeRunning();
        boolean service = deployment.serviceInstalled();
        if (composeRunning) {
            console.println("ductor runs with docker compose here. Upgrade:");
            console.println("  git pull && docker compose build && docker compose up -d");
            console.println("Messages wait in the broker meanwhile; see docs/operations.md (Upgrade) for the runner.");
        } else if (service) {
            console.println("ductor runs as a background service here. Upgrade:");
            console.println("  git pull && ./mvnw -q -B -DskipTests package && bin/ductor service stop"
                    + " && bin/ductor service start");
        } else {
            console.println("ductor runs as plain jars (bin/run-local) or not at all here. Upgrade:");
            console.println("  git pull, stop bin/run-local (Ctrl-C), then: DUCTOR_REBUILD=1 bin/run-local");
            console.println("With docker compose instead: git pull && docker compose build && docker compose up -d");
        }
        return 0;
    }
}
