package dev.ductor.orchestrator.turn;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeminiKeyGuardTest {

    @TempDir
    Path root;

    private DuctorHome home;
    private Path userHome;
    private final SessionStore sessions = mock(SessionStore.class);
    private final ModelRegistry models = mock(ModelRegistry.class);

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root.resolve("ductor"));
        userHome = root.resolve("user");
        Files.createDirectories(userHome.resolve(".gemini"));
        when(sessions.nextProvider(any())).thenReturn("gemini");
        settings("{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}}}");
    }

    private void settings(String json) throws Exception {
        Files.writeString(userHome.resolve(".gemini/settings.json"), json);
    }

    private GeminiKeyGuard guard(String geminiApiKey, Map<String, String> env) throws Exception {
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"gemini_api_key\":" + geminiApiKey + "}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        return new GeminiKeyGuard(
                sessions, models, config, home, dev.ductor.orchestrator.reply.Texts.english(), env, userHome);
    }

    private boolean refuses(GeminiKeyGuard guard) {
        return guard.refusal(privateMessage(1, "1", "hello")).isPresent();
    }

    @Test
    void apiKeyModeWithoutAnyKeyIsRefusedWithDuctorsText() throws Exception {
        var refusal = guard("null", Map.of()).refusal(privateMessage(1, "1", "hello"));
        assertThat(refusal)
                .contains(dev.ductor.orchestrator.reply.Texts.english().t("gemini.missing_key"));
        assertThat(refuses(guard("\"null\"", Map.of()))).isTrue();
        assertThat(refuses(guard("\"\"", Map.of()))).isTrue();
    }

    @Test
    void aKeyFromConfigTheEnvironmentOrDotEnvLetsTheTurnRun() throws Exception {
        assertThat(refuses(guard("\"AIza-real\"", Map.of()))).isFalse();
        assertThat(refuses(guard("null", Map.of("GEMINI_API_KEY", "AIza-env")))).isFalse();
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "GEMINI_API_KEY=AIza-dotenv\n");
        assertThat(refuses(guard("null", Map.of()))).isFalse();
    }

    @Test
    void otherAuthModesNeedNoKey() throws Exception {
        settings("{\"security\":{\"auth\":{\"selectedType\":\"oauth-personal\"}}}");
        assertThat(refuses(guard("null", Map.of()))).isFalse();
        settings("{\"selectedAuthType\":\"gemini-api-key\"}");
        assertThat(refuses(guard("null", Map.of()))).isTrue();
        assertThat(refuses(guard("null", Map.of("GOOGLE_GENAI_USE_VERTEXAI", "true"))))
                .isFalse();
        Files.delete(userHome.resolve(".gemini/settings.json"));
        assertThat(refuses(guard("null", Map.of()))).isFalse();
    }

    @Test
    void geminiCliHomeMovesTheSettings() throws Exception {
        Path other = root.resolve("cli-home");
        Files.createDirectories(other.resolve(".gemini"));
        Files.writeString(other.resolve(".gemini/settings.json"), "{}");
        assertThat(refuses(guard("null", Map.of("GEMINI_CLI_HOME", other.toString()))))
                .isFalse();
    }

    @Test
    void otherProvidersAreNotConcerned() throws Exception {
        when(sessions.nextProvider(chat(1))).thenReturn("claude");
        assertThat(refuses(guard("null", Map.of()))).isFalse();
    }
}
