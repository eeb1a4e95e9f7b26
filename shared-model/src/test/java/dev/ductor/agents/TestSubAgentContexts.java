package dev.ductor.agents;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** For tests: one Telegram sub-agent {@code helper} in a main home under {@code dir}, watched every 50 ms. */
public final class TestSubAgentContexts {

    private TestSubAgentContexts() {}

    /** The sub-agents of that home, each launched by {@code launcher}; not started yet. */
    public static SubAgentContexts helper(Path dir, SubAgentContexts.Launcher launcher) throws IOException {
        DuctorHome home = new DuctorHome(dir);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"telegram_token\": \"1:main\"}");
        Files.writeString(home.agentsFile(), "[{\"name\": \"helper\", \"telegram_token\": \"2:h\"}]");
        return new SubAgentContexts(
                home,
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                entry -> true,
                launcher,
                Duration.ofMillis(50));
    }

    /** {@code helper}'s state ({@code starting}, {@code running}, {@code stopped}, …), empty before its first. */
    public static String state(SubAgentContexts agents) {
        AgentStatus status = agents.statuses().get("helper");
        return status == null ? "" : status.state();
    }
}
