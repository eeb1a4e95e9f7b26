package dev.ductor.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a CLI can log in with an environment {@code env} (the variables its process would get, {@code
 * HOME} included), behaviour §4.8:
 *
 * <ul>
 *   <li>claude: {@code ANTHROPIC_API_KEY} or {@code ANTHROPIC_AUTH_TOKEN}, else {@code .credentials.json} in
 *       {@code $CLAUDE_CONFIG_DIR} or {@code ~/.claude};
 *   <li>codex: {@code OPENAI_API_KEY}, else {@code auth.json} in {@code $CODEX_HOME} or {@code ~/.codex};
 *   <li>gemini: {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY} that is not {@code null}/{@code none}, Vertex
 *       or GCA mode, else {@code .gemini/oauth_creds.json} under {@code $GEMINI_CLI_HOME} or {@code ~}.
 * </ul>
 */
public final class CliLogins {

    /** The providers, in ductor's order. */
    public static final List<String> PROVIDERS = List.of("claude", "codex", "gemini");

    private static final Set<String> NULL_LIKE = Set.of("", "null", "none");

    private CliLogins() {}

    /** Whether {@code provider} is logged in with {@code env}; false for a provider not in {@link #PROVIDERS}. */
    public static boolean loggedIn(String provider, Map<String, String> env) {
        return switch (provider) {
            case "claude" -> claude(env);
            case "codex" -> codex(env);
            case "gemini" -> gemini(env);
            default -> false;
        };
    }

    public static boolean claude(Map<String, String> env) {
        if (present(env.get("ANTHROPIC_API_KEY")) || present(env.get("ANTHROPIC_AUTH_TOKEN"))) {
            return true;
        }
        return file(env, "CLAUDE_CONFIG_DIR", ".claude", ".credentials.json");
    }

    public static boolean codex(Map<String, String> env) {
        return present(env.get("OPENAI_API_KEY")) || file(env, "CODEX_HOME", ".codex", "auth.json");
    }

    public static boolean gemini(Map<String, String> env) {
        if (isRealKey(env.get("GEMINI_API_KEY")) || isRealKey(env.get("GOOGLE_API_KEY"))) {
            return true;
        }
        if ("true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_VERTEXAI"))
                || "true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_GCA"))) {
            return true;
        }
        String home = env.getOrDefault("GEMINI_CLI_HOME", env.get("HOME"));
        return home != null && Files.isRegularFile(Path.of(home, ".gemini", "oauth_creds.json"));
    }

    /** A key that is set to something real: not empty, {@code null} or {@code none} (as config.json may say). */
    public static boolean isRealKey(@Nullable String key) {
        return key != null && !NULL_LIKE.contains(key.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    /** {@code name} in the folder {@code $variable}, else in {@code ~/<folder>}. */
    private static boolean file(Map<String, String> env, String variable, String folder, String name) {
        String dir = env.get(variable);
        String home = env.get("HOME");
        Path path = dir != null ? Path.of(dir) : home != null ? Path.of(home, folder) : null;
        return path != null && Files.isRegularFile(path.resolve(name));
    }
}
