package dev.ductor.cli.lifecycle;

import dev.ductor.cli.Context;
import dev.ductor.cli.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ways ductor runs on this machine, as far as the {@code ductor} command can tell: containers of the
 * checkout's docker compose project, the installed background service (systemd user unit or launchd agent),
 * and a {@code bin/run-local} of this home (its PID file). More than one can be true at once.
 */
public record Deployment(boolean composeRunning, boolean serviceInstalled, Optional<RunLocalProcess> runLocal) {

    public static Deployment detect(Context context) {
        return new Deployment(
                !composeCommand(context, List.of("ps", "-q"))
                        .map(r -> r.output().strip())
                        .orElse("")
                        .isEmpty(),
                serviceFile(context).map(Files::isRegularFile).orElse(false),
                RunLocalProcess.find(context.home().root()));
    }

    /** Where the background service's definition lives on this system, if it has that kind of service. */
    public static Optional<Path> serviceFile(Context context) {
        if (context.macOs()) {
            return Optional.of(Path.of(context.userHome(), "Library/LaunchAgents/dev.ductor.plist"));
        }
        return Optional.of(context.xdgConfigHome().resolve("systemd/user/ductor.service"));
    }

    /**
     * Runs a docker compose subcommand for the checkout's project: the {@code docker compose} plugin, else
     * the older {@code docker-compose}. Empty when neither answers (no Docker here).
     */
    public static Optional<ProcessRunner.Result> composeCommand(Context context, List<String> args) {
        List<String> plugin = new ArrayList<>(List.of(
                "docker", "compose", "--project-directory", context.repo().toString()));
        plugin.addAll(args);
        ProcessRunner.Result result = context.processes().run(plugin);
        if (result.ok()) {
            return Optional.of(result);
        }
        List<String> standalone = new ArrayList<>(List.of(
                "docker-compose",
                "--project-directory",
                context.repo().toString(),
                "-f",
                context.repo().resolve("docker-compose.yml").toString()));
        standalone.addAll(args);
        ProcessRunner.Result old = context.processes().run(standalone);
        return old.ok() ? Optional.of(old) : Optional.empty();
    }

    public boolean running() {
        return composeRunning || serviceInstalled || runLocal.isPresent();
    }
}
