package dev.ductor.cli;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs against: the environment variables, the ductor home, the checkout the services are
 * built from ({@code DUCTOR_REPO}, set by {@code bin/ductor}), the terminal, the programs it starts and the
 * operating system. Tests build one with a temporary home, a scripted terminal and a recording runner.
 */
public record Context(
        Map<String, String> env,
        DuctorHome home,
        Path repo,
        Console console,
        ProcessRunner processes,
        String osName,
        String userHome) {

    public static Context system() {
        Map<String, String> env = System.getenv();
        String repo = env.getOrDefault("DUCTOR_REPO", System.getProperty("user.dir"));
        var console = new Console(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        return new Context(
                env,
                DuctorHome.resolve(System.getProperty("ductor.home"), env),
                Path.of(repo).toAbsolutePath().normalize(),
                console,
                ProcessRunner.system(),
                System.getProperty("os.name"),
                System.getProperty("user.home"));
    }

    public ConfigLoader configLoader() {
        return new ConfigLoader(env);
    }

    public Path configFile() {
        return home.configFile();
    }

    public boolean hasConfig() {
        return Files.isRegularFile(configFile());
    }

    public boolean macOs() {
        return osName.toLowerCase(java.util.Locale.ROOT).contains("mac");
    }

    /** {@code XDG_CONFIG_HOME}, or {@code ~/.config}. */
    public Path xdgConfigHome() {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config");
    }
}
