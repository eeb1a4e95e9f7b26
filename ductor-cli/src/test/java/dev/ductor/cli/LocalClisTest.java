package dev.ductor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.1: a CLI is installed when its executable is found, logged in by key or login file. */
class LocalClisTest {

    @TempDir
    Path tmp;

    private Path executable(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        return Files.createFile(
                dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @Test
    void findsExecutablesOnPathAndInTheCheckoutsCliFolderAndTheirLogins() throws Exception {
        Path bin = tmp.resolve("bin");
        Path clis = tmp.resolve("repo/.cache/clis/node_modules/.bin");
        executable(bin, "codex");
        executable(clis, "claude");
        executable(clis, "gemini");
        Files.createDirectories(tmp.resolve("home/.gemini"));
        Files.writeString(tmp.resolve("home/.gemini/oauth_creds.json"), "{}");
        Files.createFile(bin.resolve("not-a-cli"));

        var found = new LocalClis(
                        Map.of("PATH", bin.toString(), "OPENAI_API_KEY", "sk-test", "ANTHROPIC_API_KEY", ""),
                        tmp.resolve("home").toString(),
                        List.of(clis))
                .all();

        assertThat(found).extracting(LocalClis.Found::provider).containsExactly("claude", "codex", "gemini");
        assertThat(found.get(0).executable()).contains(clis.resolve("claude"));
        assertThat(found.get(0).describe()).isEqualTo("installed, not logged in (run `claude` and type /login)");
        assertThat(found.get(1).describe()).isEqualTo("installed, logged in");
        assertThat(found.get(2).describe()).isEqualTo("installed, logged in");
    }

    @Test
    void aCliNowhereIsNotFoundEvenWithAKey() {
        var found =
                new LocalClis(Map.of("PATH", tmp.toString(), "GEMINI_API_KEY", "k"), tmp.toString(), List.of()).all();

        assertThat(found.get(2).installed()).isFalse();
        assertThat(found.get(2).describe()).isEqualTo("not found");
    }

    @Test
    void judgesLoginsOnWhatARunnerHereWouldHandItsClisConfigsKeyAndDotEnvIncluded() throws Exception {
        Session session = new Session(tmp);
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{\"gemini_api_key\": \"g-key\"}");
        Files.writeString(session.home().resolve(".env"), "OPENAI_API_KEY=sk-from-dotenv\n");
        session.env.put("CLAUDE_CONFIG_DIR", tmp.resolve("claude-config").toString());
        Files.createDirectories(tmp.resolve("claude-config"));
        Files.writeString(tmp.resolve("claude-config/.credentials.json"), "{}");

        var found = new LocalClis(session.context()).all();

        assertThat(found).extracting(LocalClis.Found::loggedIn).containsExactly(true, true, true);
    }
}
