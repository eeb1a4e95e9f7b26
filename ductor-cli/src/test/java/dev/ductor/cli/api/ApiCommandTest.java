package dev.ductor.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Behaviour §11.5: `ductor api enable|disable` writes the api block. */
class ApiCommandTest {

    @TempDir
    Path tmp;

    private JsonNode api(Session session) throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(Files.readString(session.home().resolve("config/config.json")))
                .path("api");
    }

    @Test
    void enableWritesTheBlockWithAFreshTokenOnLocalhostAndDisableKeepsIt() throws Exception {
        var session = new Session(tmp);

        assertThat(session.run("api", "enable")).isZero();
        JsonNode first = api(session);
        assertThat(first.path("enabled").asBoolean()).isTrue();
        assertThat(first.path("host").asString()).isEqualTo("127.0.0.1");
        assertThat(first.path("port").asInt()).isEqualTo(8741);
        assertThat(first.path("allow_public").asBoolean()).isFalse();
        assertThat(first.path("token").asString()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(session.out()).contains(first.path("token").asString()).contains("127.0.0.1:8741");

        assertThat(session.run("api", "enable")).isZero();
        assertThat(api(session).path("token").asString())
                .isNotEqualTo(first.path("token").asString());

        assertThat(session.run("api", "disable")).isZero();
        assertThat(api(session).path("enabled").asBoolean()).isFalse();
        assertThat(api(session).path("port").asInt()).isEqualTo(8741);
    }

    @Test
    void aHostTheUserChoseIsKept() throws Exception {
        var session = new Session(tmp);
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{\"api\": {\"host\": \"100.64.0.1\"}}");

        assertThat(session.run("api", "enable")).isZero();

        assertThat(api(session).path("host").asString()).isEqualTo("100.64.0.1");
    }
}
