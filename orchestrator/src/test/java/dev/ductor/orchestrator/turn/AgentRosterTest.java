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
                [{"name": "research", "telegram_token": "1:a"}, {"name": "ops", "telegram_token": "2:b"},
                 {"name": "mx", "transport": "matrix", "matrix": {"homeserver": "https://m", "user_id": "@b:m"}}]
                """);

        assertThat(AgentRoster.block(main, "main"))
                .contains("## Active Agent Roster\nYour name: `main`\nOther agents online: `research`, `ops`, `mx`\n\n"
                        + "Use `ask_agent.py` (sync) or `ask_agent_async.py` (async) to communicate.");
        // a Matrix sub-agent is asked and asks like a Telegram one (behaviour §5.8)
        assertThat(AgentRoster.block(main.agent("mx"), "mx").orElseThrow())
                .contains("Your name: `mx`\nOther agents online: `main`, `research`, `ops`\n");
    }

    @Test
    void aBrokenAgentsFileGivesNoRoster() throws Exception {
        Files.writeString(home.resolve("agents.json"), "[{");

        assertThat(AgentRoster.block(new DuctorHome(home), "main")).isEmpty();
    }
}
