package dev.ductor.runner.provider.gemini;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether gemini can authenticate in a given environment (behaviour §4.8): an API key ({@code GEMINI_API_KEY},
 * {@code GOOGLE_API_KEY}), Vertex or GCA mode, or an OAuth login in {@code ~/.gemini/oauth_creds.json}
 * (or under {@code $GEMINI_CLI_HOME}).
 */
final class GeminiAuth {

    private static final Set<String> NULL_LIKE = Set.of("", "null", "none");

    private GeminiAuth() {}

    static boolean isReal(@Nullable String key) {
        return key != null && !NULL_LIKE.contains(key.strip().toLowerCase(Locale.ROOT));
    }

    static boolean authenticated(Map<String, String> env) {
        if (isReal(env.get("GEMINI_API_KEY")) || isReal(env.get("GOOGLE_API_KEY"))) {
            return true;
        }
        if ("true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_VERTEXAI"))
                || "true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_GCA"))) {
            return true;
        }
        String home = env.getOrDefault("GEMINI_CLI_HOME", env.get("HOME"));
        return home != null && Files.isRegularFile(Path.of(home, ".gemini", "oauth_creds.json"));
    }
}
