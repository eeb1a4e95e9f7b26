package dev.ductor.cli;

import dev.ductor.config.ConfigException;
import dev.ductor.login.CliLogins;
import dev.ductor.state.DotEnv;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which coding-agent CLIs are installed on this machine and logged in, judged as a runner started here
 * would judge them: shared-model's {@link CliLogins} rules (behaviour §4.8) on the environment a CLI would
 * get — this shell's variables, config.json's {@code gemini_api_key}, then {@code DUCTOR_HOME/.env}.
 */
public final class LocalClis {

    /** How to log in to each provider. */
    private static final Map<String, String> LOGIN_HINTS = Map.of(
            "claude", "run `claude` and type /login",
            "codex", "run `codex login`",
            "gemini", "run `gemini` and choose a login");

    public static final List<String> NAMES = CliLogins.PROVIDERS;

    /** What was found for one provider. */
    public record Found(String provider, Optional<Path> executable, boolean loggedIn, String loginHint) {

        public boolean installed() {
            return executable.isPresent();
        }

        public String describe() {
            if (!installed()) {
                return "not found";
            }
            return loggedIn ? "installed, logged in" : "installed, not logged in (" + loginHint + ")";
        }
    }

    private final Map<String, String> env;
    private final List<Path> extraDirs;

    public LocalClis(Context context) {
        this(
                cliEnvironment(context),
                context.userHome(),
                List.of(context.repo().resolve(".cache/clis/node_modules/.bin")));
    }

    LocalClis(Map<String, String> env, String userHome, List<Path> extraDirs) {
        var withHome = new HashMap<>(env);
        withHome.put("HOME", userHome);
        this.env = Map.copyOf(withHome);
        this.extraDirs = extraDirs;
    }

    public List<Found> all() {
        return NAMES.stream().map(this::find).toList();
    }

    private Found find(String provider) {
        return new Found(provider, executable(provider), CliLogins.loggedIn(provider, env), LOGIN_HINTS.get(provider));
    }

    /** What a runner here would hand its CLIs: this environment, config.json's key, then {@code .env}. */
    private static Map<String, String> cliEnvironment(Context context) {
        Map<String, String> env = new HashMap<>(context.env());
        if (context.hasConfig()) {
            try {
                String key = context.configLoader().load(context.configFile()).geminiApiKey();
                if (CliLogins.isRealKey(key)) {
                    env.putIfAbsent("GEMINI_API_KEY", key);
                }
            } catch (ConfigException e) {
                // an unreadable config.json is reported where it is read for itself
            }
        }
        if (Files.isRegularFile(context.home().envFile())) {
            DotEnv.read(context.home().envFile()).forEach(env::putIfAbsent);
        }
        return env;
    }

    private Optional<Path> executable(String name) {
        String path = env.getOrDefault("PATH", "");
        var dirs = new java.util.ArrayList<Path>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.addAll(extraDirs);
        return dirs.stream()
                .map(dir -> dir.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
