package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §5.8: agents.json read and validated, each problem named. */
class AgentsFileTest {

    @TempDir
    Path dir;

    private AgentsFile file(String json) throws Exception {
        Path path = dir.resolve("agents.json");
        Files.writeString(path, json);
        return new AgentsFile(path);
    }

    @Test
    void readsDuctorsFormatWithTelegramTheDefaultTransport() throws Exception {
        var entries = file("""
                [{"name": "helper", "telegram_token": "1:a", "allowed_user_ids": [7], "custom": 1},
                 {"name": "mx-one", "transport": "matrix",
                  "matrix": {"homeserver": "https://m.example", "user_id": "@b:m.example"}}]
                """).entries();
        assertThat(entries).extracting(AgentEntry::name).containsExactly("helper", "mx-one");
        assertThat(entries).extracting(AgentEntry::transport).containsExactly("telegram", "matrix");
        assertThat(entries.get(0).json().path("custom").asInt()).isEqualTo(1);
        assertThat(entries.get(0).toString()).doesNotContain("1:a");
    }

    @Test
    void anUpdateOfAnUnknownAgentOrOneThatWouldNotValidateChangesNothing() throws Exception {
        String json = "[{\"name\": \"helper\", \"telegram_token\": \"1:a\"}]";
        AgentsFile agents = file(json);

        assertThatThrownBy(() -> agents.update("other", Map.of("model", "sonnet")))
                .isInstanceOf(AgentsFileException.class)
                .hasMessageContaining("no agent \"other\"");
        assertThatThrownBy(() -> agents.update("helper", Map.of("transport", "irc")))
                .isInstanceOf(AgentsFileException.class)
                .hasMessageContaining("\"transport\" must be telegram or matrix");
        assertThat(agents.path()).content().isEqualTo(json);

        assertThat(agents.update("helper", Map.of("model", "sonnet"))
                        .json()
                        .path("model")
                        .asString())
                .isEqualTo("sonnet");
        assertThat(agents.entries().getFirst().json().path("telegram_token").asString())
                .isEqualTo("1:a");
    }

    @Test
    void aMissingFileIsNoSubAgents() {
        assertThat(new AgentsFile(dir.resolve("agents.json")).entries()).isEmpty();
    }

    @Test
    void namesTheProblemOfABrokenFile() throws Exception {
        assertThatThrownBy(() -> file("[{\"name\": ").entries())
                .isInstanceOf(AgentsFileException.class)
                .hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> file("{}").entries()).hasMessageContaining("is not a JSON array of agents");
        assertThatThrownBy(() -> file("[{\"name\": \"Helper\", \"telegram_token\": \"1:a\"}]")
                        .entries())
                .hasMessageContaining("entry 1: \"name\" must be lowercase letters, digits, _ and - (got \"Helper\")");
        assertThatThrownBy(() -> file("[{\"name\": \"main\", \"telegram_token\": \"1:a\"}]")
                        .entries())
                .hasMessageContaining("\"main\" is the main agent's name");
        assertThatThrownBy(() -> file("[{\"name\": \"a\", \"telegram_token\": \"1:a\"},"
                                + "{\"name\": \"a\", \"telegram_token\": \"2:b\"}]")
                        .entries())
                .hasMessageContaining("agent \"a\": the name is used twice");
        assertThatThrownBy(() -> file("[{\"name\": \"a\"}]").entries())
                .hasMessageContaining("agent \"a\": \"telegram_token\" is missing");
        assertThatThrownBy(() ->
                        file("[{\"name\": \"a\", \"transport\": \"matrix\"}]").entries())
                .hasMessageContaining("a matrix agent needs a \"matrix\" block");
        assertThatThrownBy(() ->
                        file("[{\"name\": \"a\", \"transport\": \"irc\"}]").entries())
                .hasMessageContaining("\"transport\" must be telegram or matrix (got \"irc\")");
        assertThatThrownBy(() -> file("[{\"name\": \"a\", \"telegram_token\": \"1:a\", \"allowed_user_ids\": [\"x\"]}]")
                        .entries())
                .hasMessageContaining("\"allowed_user_ids\" must be a list of numeric ids");
    }
}
