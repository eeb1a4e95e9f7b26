package dev.ductor.orchestrator.turn;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.state.DotEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ductor's Gemini guard (spec §3.10, §4.4): a turn on Gemini while Gemini CLI's {@code settings.json}
 * selects API-key auth and no key is available (neither {@code gemini_api_key} in config.json nor
 * {@code GEMINI_API_KEY} in the environment or {@code DUCTOR_HOME/.env}) is answered with ductor's text
 * instead of running the CLI, which would only fail. Vertex or Google-login switches in the environment
 * mean no API key is needed. The settings are re-read for every check, so switching the auth mode needs
 * no restart.
 */
@Component
public class GeminiKeyGuard {

    private static final Set<String> NULL_LIKE = Set.of("", "null", "none");

    private static final Logger log = LoggerFactory.getLogger(GeminiKeyGuard.class);

    private final SessionStore sessions;
    private final ModelRegistry models;
    private final ConfigStore config;
    private final DuctorHome home;
    private final Map<String, String> env;
    private final Path userHome;
    private final Texts texts;

    @Autowired
    GeminiKeyGuard(SessionStore sessions, ModelRegistry models, ConfigStore config, DuctorHome home, Texts texts) {
        this(sessions, models, config, home, texts, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    GeminiKeyGuard(
            SessionStore sessions,
            ModelRegistry models,
            ConfigStore config,
            DuctorHome home,
            Texts texts,
            Map<String, String> env,
            Path userHome) {
        this.texts = texts;
        this.sessions = sessions;
        this.models = models;
        this.config = config;
        this.home = home;
        this.env = env;
        this.userHome = userHome;
    }

    /** ductor's {@code gemini.missing_key} text if this message's turn would run Gemini without its key. */
    public Optional<String> refusal(InboundMessage message) {
        var directive = ModelDirective.parse(message.text(), models::isKnown);
        String provider = directive.model() != null
                ? models.providerOf(directive.model())
                : sessions.nextProvider(message.chat());
        if (!provider.equals("gemini") || hasKey() || !apiKeyModeSelected()) {
            return Optional.empty();
        }
        log.warn(
                "Turn for {} refused: Gemini is in API-key mode without a key",
                message.chat().storageKey());
        return Optional.of(texts.t("gemini.missing_key"));
    }

    private boolean hasKey() {
        if (real(config.current().geminiApiKey()) || real(env.get("GEMINI_API_KEY"))) {
            return true;
        }
        return real(DotEnv.read(home.envFile()).get("GEMINI_API_KEY"));
    }

    private boolean apiKeyModeSelected() {
        if ("true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_GCA"))
                || "true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_VERTEXAI"))) {
            return false;
        }
        String cliHome = env.get("GEMINI_CLI_HOME");
        Path settings = (cliHome == null || cliHome.isBlank() ? userHome : Path.of(cliHome))
                .resolve(".gemini")
                .resolve("settings.json");
        if (!Files.isRegularFile(settings)) {
            return false;
        }
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(settings));
            String selected =
                    root.path("security").path("auth").path("selectedType").asString("");
            if (selected.isEmpty()) {
                selected = root.path("selectedAuthType").asString("");
            }
            return selected.equals("gemini-api-key");
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read Gemini settings {}: {}", settings, e.getMessage());
            return false;
        }
    }

    private static boolean real(@Nullable String key) {
        return key != null && !NULL_LIKE.contains(key.strip().toLowerCase(Locale.ROOT));
    }
}
