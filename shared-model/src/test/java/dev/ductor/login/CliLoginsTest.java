package dev.ductor.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §4.8: when a CLI counts as logged in, for the runner and for the {@code ductor} command alike. */
class CliLoginsTest {

    @TempDir
    Path home;

    private Map<String, String> home(String... more) {
        var env = new java.util.HashMap<String, String>();
        env.put("HOME", home.toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private void file(String relative) throws Exception {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
    }

    @Test
    void nothingIsLoggedInWithoutAKeyOrALoginFile() {
        for (String provider : CliLogins.PROVIDERS) {
            assertThat(CliLogins.loggedIn(provider, home())).as(provider).isFalse();
        }
        assertThat(CliLogins.loggedIn("grok", home("OPENAI_API_KEY", "k"))).isFalse();
    }

    @Test
    void aKeyInTheEnvironmentIsALogin() {
        assertThat(CliLogins.claude(home("ANTHROPIC_API_KEY", "sk-ant"))).isTrue();
        assertThat(CliLogins.claude(home("ANTHROPIC_AUTH_TOKEN", "t"))).isTrue();
        assertThat(CliLogins.claude(home("ANTHROPIC_API_KEY", " "))).isFalse();
        assertThat(CliLogins.codex(home("OPENAI_API_KEY", "sk"))).isTrue();
        assertThat(CliLogins.gemini(home("GOOGLE_API_KEY", "g"))).isTrue();
        assertThat(CliLogins.gemini(home("GEMINI_API_KEY", "null"))).isFalse();
        assertThat(CliLogins.gemini(home("GEMINI_API_KEY", "None"))).isFalse();
        assertThat(CliLogins.gemini(home("GOOGLE_GENAI_USE_VERTEXAI", "true"))).isTrue();
        assertThat(CliLogins.gemini(home("GOOGLE_GENAI_USE_GCA", "TRUE"))).isTrue();
    }

    @Test
    void theLoginFilesCountInTheHomeOrWhereTheirVariableSays() throws Exception {
        file(".claude/.credentials.json");
        file(".codex/auth.json");
        file(".gemini/oauth_creds.json");
        assertThat(CliLogins.claude(home())).isTrue();
        assertThat(CliLogins.codex(home())).isTrue();
        assertThat(CliLogins.gemini(home())).isTrue();

        file("elsewhere/claude/.credentials.json");
        file("elsewhere/codex/auth.json");
        file("elsewhere/gemini/.gemini/oauth_creds.json");
        Map<String, String> moved = Map.of(
                "CLAUDE_CONFIG_DIR", home.resolve("elsewhere/claude").toString(),
                "CODEX_HOME", home.resolve("elsewhere/codex").toString(),
                "GEMINI_CLI_HOME", home.resolve("elsewhere/gemini").toString());
        for (String provider : CliLogins.PROVIDERS) {
            assertThat(CliLogins.loggedIn(provider, moved)).as(provider).isTrue();
        }
        Map<String, String> movedNowhere = Map.of(
                "HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", home.resolve("none").toString(),
                "CODEX_HOME", home.resolve("none").toString(),
                "GEMINI_CLI_HOME", home.resolve("none").toString());
        for (String provider : CliLogins.PROVIDERS) {
            assertThat(CliLogins.loggedIn(provider, movedNowhere)).as(provider).isFalse();
        }
    }
}
