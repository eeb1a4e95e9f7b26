package dev.ductor.cli.lifecycle;

import dev.ductor.cli.Cancelled;
import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.service.ServiceCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ductor uninstall} (behaviour §11.8): after a confirmation, stops ductor, removes the background
 * service, the docker compose project with its volumes and locally built images, the sandbox container and
 * image, and deletes the ductor home. The checkout itself is left for the user to delete.
 */
@Command(
        name = "uninstall",
        description = "Remove ductor from this machine: service, containers, images and the ductor home.")
public final class UninstallCommand implements Callable<Integer> {

    @ParentCommand
    DuctorCommand root;

    @Override
    public Integer call() {
        Context context = root.context();
        Console console = context.console();
        console.println("This stops ductor, removes its background service, its docker compose containers, volumes"
                + " and images and the sandbox container and image, and deletes "
                + context.home().root()
                + " with everything in it: memory, sessions, jobs, files, configuration.");
        String answer = console.ask("Uninstall ductor? [y/N]").orElseThrow(UninstallCommand::kept);
        if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
            throw kept();
        }
        Stopping stopping = new Stopping(context);
        var config = stopping.config();
        Deployment deployment = Deployment.detect(context);
        stopping.stopAll(deployment, Duration.ofSeconds(90));
        if (deployment.serviceInstalled()) {
            ServiceCommand.manager(context).uninstall();
        }
        if (deployment.composeRunning()
                && Deployment.composeCommand(context, List.of("down", "--volumes", "--rmi", "local"))
                        .isPresent()) {
            console.println("Removed the docker compose containers, volumes and images.");
        }
        config.ifPresent(c -> {
            context.processes().run(List.of("docker", "rm", "-f", c.docker().containerName()));
            if (context.processes()
                    .run(List.of("docker", "rmi", c.docker().imageName()))
                    .ok()) {
                console.println("Removed the sandbox image " + c.docker().imageName() + ".");
            }
        });
        HomeRemoval.delete(context.home().root(), true);
        console.println("Deleted " + context.home().root() + ".");
        console.println("ductor is uninstalled. The checkout " + context.repo()
                + " is left as it is: delete it yourself to remove the last of ductor.");
        return 0;
    }

    private static Cancelled kept() {
        return new Cancelled("Nothing was removed.");
    }
}
