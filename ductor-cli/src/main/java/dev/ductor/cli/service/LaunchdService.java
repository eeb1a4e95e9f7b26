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

/**
 * A launchd agent ({@code ~/Library/LaunchAgents/<label>.plist}) on macOS: started at login, restarted when it
 * ends unsuccessfully (at most every 10 s), output into {@code DUCTOR_HOME/logs/service.log}.
 */
public final class LaunchdService implements ServiceManager {

    private final String label;
    private final Path plist;
    private final Path log;
    private final ServiceLaunch launch;
    private final ProcessRunner processes;
    private final Console console;

    public LaunchdService(
            String label, Path userHome, Path log, ServiceLaunch launch, ProcessRunner processes, Console console) {
        this.label = label;
        this.plist = userHome.resolve("Library/LaunchAgents").resolve(label + ".plist");
        this.log = log;
        this.launch = launch;
        this.processes = processes;
        this.console = console;
    }

    public Path plistFile() {
        return plist;
    }

    String plistText() {
        var text = new StringBuilder();
        text.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                        + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append("  <key>Label</key><string>")
                .append(xml(label))
                .append("</string>\n")
                .append("  <key>ProgramArguments</key>\n  <array>\n");
        launch.command()
                .forEach(arg -> text.append("    <string>").append(xml(arg)).append("</string>\n"));
        text.append("  </array>\n")
                .append("  <key>WorkingDirectory</key><string>")
                .append(xml(launch.workingDirectory().toString()))
                .append("</string>\n")
                .append("  <key>EnvironmentVariables</key>\n  <dict>\n");
        launch.environment()
                .forEach((key, value) -> text.append("    <key>")
                        .append(xml(key))
                        .append("</key><string>")
                        .append(xml(value))
                        .append("</string>\n"));
        text.append("  </dict>\n")
                .append("  <key>RunAtLoad</key><true/>\n")
                .append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key><false/>\n  </dict>\n")
                .append("  <key>ThrottleInterval</key><integer>10</integer>\n")
                .append("  <key>StandardOutPath</key><string>")
                .append(xml(log.toString()))
                .append("</string>\n")
                .append("  <key>StandardErrorPath</key><string>")
                .append(xml(log.toString()))
                .append("</string>\n")
                .append("</dict>\n</plist>\n");
        return text.toString();
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String domain() {
        ProcessRunner.Result uid = processes.run(List.of("id", "-u"));
        if (!uid.ok()) {
            throw new UserError(
                    "Cannot tell the user id (id -u): " + uid.output().strip());
        }
        return "gui/" + uid.output().strip();
    }

    @Override
    public String install() {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UserError("Cannot create " + log.getParent() + ": " + e.getMessage());
        }
        AtomicFiles.write(plist, plistText().getBytes(StandardCharsets.UTF_8));
        console.println("Wrote " + plist);
        launchctl("bootstrap", domain(), plist.toString());
        return "";
    }

    @Override
    public boolean installed() {
        return Files.isRegularFile(plist);
    }

    @Override
    public void start() {
        requireInstalled();
        launchctl("bootstrap", domain(), plist.toString());
    }

    @Override
    public void stop() {
        requireInstalled();
        launchctl("bootout", domain() + "/" + label);
    }

    @Override
    public String status() {
        requireInstalled();
        return processes
                .run(List.of("launchctl", "print", domain() + "/" + label))
                .output();
    }

    @Override
    public int logs(boolean follow) {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("tail", "-n", "100"));
        if (follow) {
            command.add("-f");
        }
        command.add(log.toString());
        return processes.runAttached(command);
    }

    @Override
    public void uninstall() {
        requireInstalled();
        processes.run(List.of("launchctl", "bootout", domain() + "/" + label));
        try {
            Files.deleteIfExists(plist);
        } catch (IOException e) {
            throw new UserError("Cannot remove " + plist + ": " + e.getMessage());
        }
        console.println("Removed " + plist);
    }

    private void requireInstalled() {
        if (!installed()) {
            throw new UserError("The service is not installed (no " + plist + "); `ductor service install` does it.");
        }
    }

    private void launchctl(String... args) {
        List<String> command = new ArrayList<>(List.of("launchctl"));
        command.addAll(List.of(args));
        ProcessRunner.Result result = processes.run(command);
        if (!result.ok()) {
            throw new UserError(String.join(" ", command) + " failed (exit code " + result.exitCode() + "): "
                    + result.output().strip());
        }
    }
}
