package dev.ductor.cli.service;

import dev.ductor.cli.Console;
import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.UserError;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A systemd <em>user</em> unit ({@code $XDG_CONFIG_HOME/systemd/user/<name>.service}): restarted on failure,
 * the whole control group stopped with it (the services and their CLIs), started at boot when lingering is
 * enabled for the user, which is what keeps it running after a logout.
 */
public final class SystemdUserService implements ServiceManager {

    private final String name;
    private final Path unitDir;
    private final ServiceLaunch launch;
    private final ProcessRunner processes;
    private final Console console;
    private final String user;

    public SystemdUserService(
            String name,
            Path xdgConfigHome,
            ServiceLaunch launch,
            ProcessRunner processes,
            Console console,
            String user) {
        this.name = name;
        this.unitDir = xdgConfigHome.resolve("systemd/user");
        this.launch = launch;
        this.processes = processes;
        this.console = console;
        this.user = user;
    }

    public Path unitFile() {
        return unitDir.resolve(unit());
    }

    private String unit() {
        return name + ".service";
    }

    /** The unit's text. */
    String unitText() {
        var text = new StringBuilder();
        text.append("[Unit]\n")
                .append("Description=ductor: Telegram to claude, codex and gemini (")
                .append(launch.workingDirectory())
                .append(")\n")
                .append("After=network-online.target\n")
                .append("Wants=network-online.target\n\n")
                .append("[Service]\n")
                .append("Type=simple\n")
                .append("WorkingDirectory=")
                .append(launch.workingDirectory())
                .append('\n');
        launch.environment()
                .forEach((key, value) -> text.append("Environment=\"")
                        .append(key)
                        .append('=')
                        .append(escape(value))
                        .append("\"\n"));
        text.append("ExecStart=")
                .append(launch.command().stream()
                        .map(arg -> "\"" + escape(arg) + "\"")
                        .collect(Collectors.joining(" ")))
                .append('\n')
                .append("KillMode=control-group\n")
                .append("Restart=on-failure\n")
                .append("RestartSec=10\n")
                .append("TimeoutStopSec=60\n\n")
                .append("[Install]\n")
                .append("WantedBy=default.target\n");
        return text.toString();
    }

    /** A value inside double quotes of a unit file: backslash and quote escaped, {@code %} doubled. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
    }

    @Override
    public String install() {
        AtomicFiles.write(unitFile(), unitText().getBytes(StandardCharsets.UTF_8));
        console.println("Wrote " + unitFile());
        systemctl("daemon-reload");
        systemctl("enable", "--now", unit());
        List<String> advice = new ArrayList<>();
        ProcessRunner.Result linger = processes.run(List.of("loginctl", "enable-linger", user));
        if (!linger.ok()) {
            advice.add("To keep ductor running after you log out (and start it at boot), enable lingering once:\n"
                    + "  sudo loginctl enable-linger " + user + "\n"
                    + "(loginctl enable-linger said: " + linger.output().strip() + ")");
        } else {
            console.println(
                    "Lingering enabled for " + user + ": ductor keeps running after logout and starts at boot.");
        }
        return String.join("\n", advice);
    }

    @Override
    public boolean installed() {
        return Files.isRegularFile(unitFile());
    }

    @Override
    public void start() {
        requireInstalled();
        systemctl("start", unit());
    }

    @Override
    public void stop() {
        requireInstalled();
        systemctl("stop", unit());
    }

    @Override
    public String status() {
        requireInstalled();
        return processes
                .run(List.of("systemctl", "--user", "status", "--no-pager", "--lines=0", unit()))
                .output();
    }

    @Override
    public int logs(boolean follow) {
        requireInstalled();
        List<String> command =
                new ArrayList<>(List.of("journalctl", "--user", "-u", unit(), "-n", "100", "--no-pager"));
        if (follow) {
            command.add("-f");
        }
        return processes.runAttached(command);
    }

    @Override
    public void uninstall() {
        requireInstalled();
        processes.run(List.of("systemctl", "--user", "disable", "--now", unit()));
        try {
            Files.deleteIfExists(unitFile());
        } catch (IOException e) {
            throw new UserError("Cannot remove " + unitFile() + ": " + e.getMessage());
        }
        systemctl("daemon-reload");
        console.println("Removed " + unitFile());
    }

    private void requireInstalled() {
        if (!installed()) {
            throw new UserError(
                    "The service is not installed (no " + unitFile() + "); `ductor service install` does it.");
        }
    }

    private void systemctl(String... args) {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user"));
        command.addAll(List.of(args));
        ProcessRunner.Result result = processes.run(command);
        if (!result.ok()) {
            throw new UserError(String.join(" ", command) + " failed (exit code " + result.exitCode() + "): "
                    + result.output().strip()
                    + "\nIs there a systemd user instance? Over ssh, log in once as this user, or run"
                    + " `sudo loginctl enable-linger " + user + "` and log in again.");
        }
    }
}
