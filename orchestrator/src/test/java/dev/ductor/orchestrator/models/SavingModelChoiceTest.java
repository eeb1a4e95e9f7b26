package dev.ductor.orchestrator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.ductor.agents.AgentConfigs;
import dev.ductor.agents.AgentsFile;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.config.ConfigWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §5.8 "Effective config": {@code /model} in a sub-agent's chat is kept in its agents.json entry. */
class SavingModelChoiceTest {

    private static final Map<String, String> CHOICE =
            Map.of("provider", "codex", "model", "gpt-5.2", "reasoning_effort", "high");

    @TempDir
    Path dir;

    @Test
    void aSubAgentsChoiceGoesToItsEntryAndItsEffectiveConfigAtOnceNotToTheMainConfig() throws Exception {
        DuctorHome main = new DuctorHome(dir);
        Files.createDirectories(main.configFile().getParent());
        String mainConfig = "{\"telegram_token\": \"1:main\", \"model\": \"opus\", \"provider\": \"claude\"}";
        Files.writeString(main.configFile(), mainConfig);
        Files.writeString(main.agentsFile(), """
                [{"name": "other", "telegram_token": "3:o", "note": "kept"},
                 {"name": "helper", "transport": "matrix", "model": "sonnet", "unknown_key": 7,
                  "matrix": {"homeserver": "http://hs", "user_id": "@h:hs", "password": "pw"}}]
                """);
        var entry = new AgentsFile(main.agentsFile()).entries().get(1);
        AgentConfigs.write(main, entry);
        DuctorHome helper = main.agent("helper");
        var config = new ConfigStore(new ConfigLoader(Map.of()), helper.configFile());
        assertThat(config.current().model()).isEqualTo("sonnet");
        ConfigWriter writer = mock(ConfigWriter.class);

        new SavingModelChoice(writer, config, helper, "helper").save(CHOICE);

        var entries = new AgentsFile(main.agentsFile()).entries();
        assertThat(entries.get(1).json().path("model").asString()).isEqualTo("gpt-5.2");
        assertThat(entries.get(1).json().path("provider").asString()).isEqualTo("codex");
        assertThat(entries.get(1).json().path("reasoning_effort").asString()).isEqualTo("high");
        assertThat(entries.get(1).json().path("unknown_key").asInt()).isEqualTo(7);
        assertThat(entries.get(1).credentials()).isEqualTo(entry.credentials()); // nothing that restarts it
        assertThat(entries.get(0).json().path("note").asString()).isEqualTo("kept");
        assertThat(entries.get(0).json().has("model")).isFalse();
        assertThat(config.current().model()).isEqualTo("gpt-5.2"); // in force for the next message
        assertThat(config.current().provider()).isEqualTo("codex");
        assertThat(config.current().reasoningEffort()).isEqualTo("high");
        assertThat(Files.readString(main.configFile())).isEqualTo(mainConfig);
        verifyNoInteractions(writer);
    }

    @Test
    void theMainAgentsChoiceGoesToItsConfigJson() throws Exception {
        DuctorHome main = new DuctorHome(dir);
        Files.createDirectories(main.configFile().getParent());
        Files.writeString(main.configFile(), "{}");
        ConfigWriter writer = mock(ConfigWriter.class);

        new SavingModelChoice(writer, new ConfigStore(new ConfigLoader(Map.of()), main.configFile()), main, "main")
                .save(CHOICE);

        verify(writer).set(CHOICE);
        assertThat(main.agentsFile()).doesNotExist();
    }
}
