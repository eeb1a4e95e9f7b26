package dev.ductor.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which coding-agent CLIs are installed on this machine and logged in, judged as a runner started here
 * would judge them (behaviour §4: an API key in the environment, or the CLI's login file in the home).
 */
public final class LocalClis {

    /** One provider: its executable, the variables that count as a login, its login file under the home. */
    record Provider(String name, List<String> keys, String loginFile, String loginHint) {}

    static final List<Provider> PROVIDERS = List.of(
            new Provider(
                    "claude",
                    List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"),
                    ".claude/.credentials.json",
                    "run `claude` and type /login"),
            new Provider("codex", List.of("OPENAI_API_KEY"), ".codex/auth.json", "run `codex login`"),
            new Provider(
                    "gemini",
                    List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"),
                    ".gemini/oauth_creds.json",
                    "run `gemini` and choose a login"));

    public static final List<String> NAMES =
            PROVIDERS.stream().map(Provider::name).toList();

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
    private final String userHome;
    private final List<Path> extraDirs;

    public LocalClis(Context context) {
        this(context.env(), context.userHome(), List.of(context.repo().resolve(".cache/clis/node_modules/.bin")));
    }

    LocalClis(Map<String, String> env, String userHome, List<Path> extraDirs) {
        this.env = env;
        this.userHome = userHome;
        this.extraDirs = extraDirs;
    }

    public List<Found> all() {
        return PROVIDERS.stream().map(this::find).toList();
    }

    private Found find(Provider provider) {
        boolean key = provider.keys().stream()
                .map(env::get)
                .anyMatch(value -> value != null && !value.isBlank() && !value.equals("null"));
        boolean file = Files.isRegularFile(Path.of(userHome).resolve(provider.loginFile()));
        return new Found(provider.name(), executable(provider.name()), key || file, provider.loginHint());
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
