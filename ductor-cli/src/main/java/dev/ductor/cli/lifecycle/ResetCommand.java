package dev.ductor.cli.lifecycle;

import dev.ductor.cli.Cancelled;
import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.UserError;
import dev.ductor.cli.onboarding.Onboarding;
import dev.ductor.cli.service.ServiceCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ductor reset} / {@code ductor onboarding} (behaviour §11.8): stops ductor, then either keeps
 * everything but the configuration (kept aside as {@code config.json.before-reset-<millis>}) or, confirmed by
 * typing {@code wipe}, empties the home; runs the setup again and starts the background service if it is
 * installed. Cancelling the setup after a keep puts the old configuration back.
 */
@Command(
        name = "reset",
        aliases = "onboarding",
        description = "Stop ductor and run the setup again, keeping your workspace or wiping everything.")
public final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    DuctorCommand root;

    @Override
    public Integer call() {
        Context context = root.context();
        Console console = context.console();
        Deployment deployment = Deployment.detect(context);
        new Stopping(context).stopAll(deployment, Duration.ofSeconds(90));
        Path config = context.configFile();
        Path keptAside = null;
        if (context.hasConfig()) {
            String choice = console.ask("Keep your workspace, memory, sessions and jobs and set up only the"
                            + " configuration again (k), or wipe everything in "
                            + context.home().root()
                            + " (w)? [K/w]")
                    .orElseThrow(Cancelled::new);
            if (choice.equalsIgnoreCase("w") || choice.equalsIgnoreCase("wipe")) {
                String confirm = console.ask(
                                "This deletes your memory, sessions, jobs and files for good. Type wipe" + " to go on:")
                        .orElseThrow(Cancelled::new);
                if (!confirm.equals("wipe")) {
                    throw new Cancelled();
                }
                HomeRemoval.delete(context.home().root(), false);
                console.println("Wiped " + context.home().root() + ".");
            } else if (choice.isEmpty() || choice.equalsIgnoreCase("k") || choice.equalsIgnoreCase("keep")) {
                keptAside = config.resolveSibling(config.getFileName() + ".before-reset-" + System.currentTimeMillis());
                move(config, keptAside);
                console.println("The old configuration is kept as " + keptAside + ".");
            } else {
                throw new UserError("Answer k (keep) or w (wipe); nothing was changed but stopping ductor.");
            }
        }
        try {
            new Onboarding(context).run();
        } catch (Cancelled cancelled) {
            if (keptAside != null) {
                move(keptAside, config);
                console.println("The old configuration is back in place.");
            }
            throw cancelled;
        }
        if (deployment.serviceInstalled()) {
            ServiceCommand.manager(context).start();
            console.println("Started the background service again.");
        } else {
            DuctorCommand.printHowToStart(console);
        }
        return 0;
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot move " + from + " to " + to + ": " + e.getMessage());
        }
    }
}
