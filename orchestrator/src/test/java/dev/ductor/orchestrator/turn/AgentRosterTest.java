package dev.ductor.orchestrator.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRosterTest {

    @TempDir
    Path home;

    @Test
    void aNewSessionLearnsTheOtherAgentsOnlyWhenThereAreAny() throws Exception {
        var main = new DuctorHome(home);
        assertThat(AgentRoster.block(main, "main")).isEmpty();

        Files.writeString(main.agentsFile(), """
                [{"name": "research", "telegram_token": "1:a"}, {"name": "ops", "telegram_token": "2:b"}]
                """);

        assertThat(AgentRoster.block(main, "main"))
                .contains("## Active Agent Roster\nYour name: `main`\nOther agents online: `research`, `ops`\n\n"
                        + "Use `ask_agent.py` (sync) or `ask_agent_async.py` (async) to communicate.");
        assertThat(AgentRoster.block(main.agent("research"), "research").orElseThrow())
                .contains("Your name: `research`\nOther agents online: `main`, `ops`\n");
    }

    @Test
    void aBrokenAgentsFileGivesNoRoster() throws Exception {
        Files.writeString(home.resolve("agents.json"), "[{");

        assertThat(AgentRoster.block(new DuctorHome(home), "main")).isEmpty();
    }
}
