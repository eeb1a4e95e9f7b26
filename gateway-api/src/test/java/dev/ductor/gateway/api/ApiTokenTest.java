package dev.ductor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §10, §12.9: the token of the live config; nothing passes while the API is off or has no token. */
class ApiTokenTest {

    @TempDir
    Path root;

    private ApiToken token(String json) throws Exception {
        Path file = root.resolve("config/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return new ApiToken(new ConfigStore(new ConfigLoader(Map.of()), file));
    }

    @Test
    void onlyTheExactTokenPasses() throws Exception {
        ApiToken token = token("{\"api\":{\"enabled\":true,\"token\":\"s3cret-token\"}}");
        assertThat(token.matches("s3cret-token")).isTrue();
        assertThat(token.matches("s3cret-token ")).isFalse();
        assertThat(token.matches("s3cret")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.matchesBearer("Bearer s3cret-token")).isTrue();
        assertThat(token.matchesBearer("bearer s3cret-token")).isFalse();
        assertThat(token.matchesBearer("s3cret-token")).isFalse();
    }

    @Test
    void nothingPassesWhileTheApiIsOffOrHasNoToken() throws Exception {
        assertThat(token("{\"api\":{\"enabled\":false,\"token\":\"s3cret-token\"}}")
                        .matches("s3cret-token"))
                .isFalse();
        assertThat(token("{\"api\":{\"enabled\":true,\"token\":\"\"}}").matches(""))
                .isFalse();
        assertThat(token("{}").matches("")).isFalse();
    }

    @Test
    void theDefaultChatIsTheConfiguredOneElseTheFirstAllowedUserElseOne() throws Exception {
        assertThat(token("{\"allowed_user_ids\":[5,6],\"api\":{\"enabled\":true,\"token\":\"x\",\"chat_id\":77}}")
                        .defaultChatId())
                .isEqualTo(77);
        assertThat(token("{\"allowed_user_ids\":[5,6],\"api\":{\"enabled\":true,\"token\":\"x\",\"chat_id\":0}}")
                        .defaultChatId())
                .isEqualTo(5);
        assertThat(token("{\"allowed_user_ids\":[]}").defaultChatId()).isEqualTo(1);
    }
}
