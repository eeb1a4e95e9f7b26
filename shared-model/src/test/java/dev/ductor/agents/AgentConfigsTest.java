package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §5.8: a sub-agent's effective configuration is the main one, overridden by its entry. */
class AgentConfigsTest {

    @TempDir
    Path dir;

    private AgentEntry entry(String json) throws Exception {
        Path file = dir.resolve("agents.json");
        Files.writeString(file, json);
        return new AgentsFile(file).entries().getFirst();
    }

    private DuctorHome mainHome() throws Exception {
        DuctorHome home = new DuctorHome(dir.resolve("home"));
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), """
                {"telegram_token": "1:main", "allowed_user_ids": [1], "allowed_group_ids": [-100],
                 "model": "opus", "language": "de", "streaming": {"edit_interval_seconds": 0.3},
                 "matrix": {"homeserver": "https://m.example", "user_id": "@main:m.example", "password": "pw"},
                 "api": {"enabled": true, "token": "secret"}}
                """);
        new ConfigLoader(Map.of()).load(home.configFile()); // completed with the defaults, as a service would
        return home;
    }

    @Test
    void theEntryOverridesAndDecidesItsAccountAndListsTheRestIsInherited() throws Exception {
        DuctorHome main = mainHome();
        AgentEntry helper = entry("""
                [{"name": "helper", "telegram_token": "2:helper", "allowed_user_ids": [7], "model": "sonnet"}]
                """);
        assertThat(AgentConfigs.write(main, helper)).isTrue();
        assertThat(AgentConfigs.write(main, helper))
                .as("unchanged: not written again")
                .isFalse();

        DuctorHome home = main.agent("helper");
        assertThat(home.root()).isEqualTo(main.root().resolve("agents/helper"));
        DuctorConfig config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile()).current();
        assertThat(config.telegramToken()).isEqualTo("2:helper");
        assertThat(config.allowedUserIds()).containsExactly(7L);
        assertThat(config.allowedGroupIds()).isEmpty();
        assertThat(config.model()).isEqualTo("sonnet");
        assertThat(config.language()).isEqualTo("de");
        assertThat(config.streaming().editIntervalSeconds()).isEqualTo(0.3);
        assertThat(config.matrix().password())
                .as("never the main agent's account")
                .isEmpty();
        assertThat(config.api() == null || !config.api().enabled()).isTrue();
        assertThat(Files.readString(home.configFile())).doesNotContain("1:main", "\"secret\"", "\"pw\"");
    }

    @Test
    void theMainEnvironmentOverridesNothingTheEntryDecides() throws Exception {
        AgentEntry helper = entry("[{\"name\": \"helper\", \"telegram_token\": \"2:helper\", \"model\": \"sonnet\"}]");
        Map<String, String> env = AgentConfigs.environment(
                Map.of(
                        "DUCTOR_TELEGRAM_TOKEN", "1:main",
                        "DUCTOR_ALLOWED_USER_IDS", "1",
                        "DUCTOR_MODEL", "opus",
                        "DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS", "1",
                        "PATH", "/bin"),
                helper);
        assertThat(env).containsOnlyKeys("DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS", "PATH");
        assertThat(List.of(helper.credentials().get(1))).containsExactly("2:helper");
    }
}
