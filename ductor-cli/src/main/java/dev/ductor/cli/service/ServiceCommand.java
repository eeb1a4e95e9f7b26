package dev.ductor.cli.service;

import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ductor service …} (behaviour §11.6): run the plain jars ({@code bin/run-local}) as a background
 * service of the operating system — a systemd user unit on Linux, a launchd agent on macOS.
 */
@Command(name = "service", description = "Run ductor in the background: install, status, start, stop, logs, uninstall.")
public final class ServiceCommand {

    static final String NAME = "ductor";
    static final String LABEL = "dev.ductor";

    @ParentCommand
    DuctorCommand root;

    /** The service of this machine's kind. */
    public static ServiceManager manager(Context context) {
        ServiceLaunch launch = ServiceLaunch.runLocal(context);
        if (context.macOs()) {
            return new LaunchdService(
                    LABEL,
                    Path.of(context.userHome()),
                    context.home().root().resolve("logs/service.log"),
                    launch,
                    context.processes(),
                    context.console());
        }
        if (!context.osName().toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new UserError("Background services are made for Linux (systemd) and macOS (launchd); on "
                    + context.osName() + " run bin/run-local, or docker compose.");
        }
        String user = context.env()
                .getOrDefault("USER", Path.of(context.userHome()).getFileName().toString());
        return new SystemdUserService(
                NAME, context.xdgConfigHome(), launch, context.processes(), context.console(), user);
    }

    private ServiceManager manager() {
        return manager(root.context());
    }

    @Command(name = "install", description = "Install and start the service (restarted on failure, kept after logout).")
    public int install() {
        Context context = root.context();
        if (!Files.isRegularFile(context.repo().resolve("bin/run-local"))) {
            throw new UserError("No bin/run-local in " + context.repo() + ": run ductor from the ductor checkout"
                    + " (bin/ductor sets DUCTOR_REPO).");
        }
        if (!context.hasConfig()) {
            throw new UserError("No configuration yet: run `ductor` first.");
        }
        ServiceLaunch.runLocal(context).writeSecrets(context.home().root());
        String advice = manager().install();
        context.console()
                .println("ductor runs as a background service now (bin/run-local; service logs in "
                        + context.repo().resolve(".run/logs") + "). `ductor service status` shows it.");
        if (!advice.isEmpty()) {
            context.console().println(advice);
        }
        return 0;
    }

    @Command(name = "status", description = "The service as the system supervisor sees it.")
    public int status() {
        root.context().console().println(manager().status().strip());
        return 0;
    }

    @Command(name = "start", description = "Start the installed service.")
    public int start() {
        manager().start();
        root.context().console().println("Started.");
        return 0;
    }

    @Command(name = "stop", description = "Stop the service (and every process it started).")
    public int stop() {
        manager().stop();
        root.context().console().println("Stopped.");
        return 0;
    }

    @Command(name = "logs", description = "The service's latest log lines.")
    public int logs(
            @Option(
                            names = {"-f", "--follow"},
                            description = "keep printing new lines")
                    boolean follow) {
        return manager().logs(follow);
    }

    @Command(name = "uninstall", description = "Stop and remove the service.")
    public int uninstall() {
        manager().uninstall();
        return 0;
    }
}
