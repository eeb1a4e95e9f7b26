package dev.ductor.runner.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the runner's own variables a CLI inherits: an allowlist (the system basics, locale, proxies and
 * certificates, Node's settings, and the providers' own keys and settings), never the services' secrets
 * ({@code DUCTOR_*}, such as {@code DUCTOR_TELEGRAM_TOKEN}, and {@code SPRING_*}, such as the broker's
 * password). Anything else a CLI needs goes into {@code DUCTOR_HOME/.env}.
 */
final class InheritedVariables {

    private static final Set<String> NAMES = Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "LANGUAGE",
            "TERM",
            "COLORTERM",
            "TZ",
            "TMPDIR",
            "HOSTNAME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_RUNTIME_DIR",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "all_proxy",
            "SSL_CERT_FILE",
            "SSL_CERT_DIR",
            "REQUESTS_CA_BUNDLE",
            "GIT_SSH_COMMAND",
            "SSH_AUTH_SOCK",
            "IS_SANDBOX",
            "DISABLE_TELEMETRY",
            "DISABLE_AUTOUPDATER",
            "DISABLE_ERROR_REPORTING",
            "MAX_THINKING_TOKENS");

    /** The providers' keys and settings (claude also on Bedrock/Vertex), locale, Node and npm. */
    private static final List<String> PREFIXES = List.of(
            "LC_",
            "ANTHROPIC_",
            "CLAUDE_",
            "OPENAI_",
            "CODEX_",
            "GEMINI_",
            "GOOGLE_",
            "VERTEX_",
            "CLOUDSDK_",
            "AWS_",
            "NODE_",
            "NPM_CONFIG_",
            "npm_config_");

    /** Never handed to a CLI, from any source: the services' own settings and secrets. */
    private static final List<String> FORBIDDEN_PREFIXES = List.of("DUCTOR_", "SPRING_", "MANAGEMENT_", "SERVER_");

    private InheritedVariables() {}

    static Map<String, String> of(Map<String, String> runnerEnvironment) {
        Map<String, String> kept = new HashMap<>();
        runnerEnvironment.forEach((name, value) -> {
            if (allowed(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    static boolean allowed(String name) {
        return !forbidden(name) && (NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith));
    }

    static boolean forbidden(String name) {
        return FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
