package dev.ductor.gateway.telegram.agents;

import static org.awaitility.Awaitility.await;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.lifecycle.ControlHandler;
import dev.ductor.model.CancelAll;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.ControlAgent.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

/** behaviour §2.21: the gateway applies the main orchestrator's {@code ControlAgent} to that bot's context. */
class ControllingSubAgentsTest {

    @TempDir
    Path dir;

    @Test
    void controlAgentStopsAndStartsTheBotsContextAndOtherCommandsChangeNothing() throws Exception {
        DuctorHome home = new DuctorHome(dir);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"telegram_token\": \"1:main\"}");
        Files.writeString(home.agentsFile(), "[{\"name\": \"helper\", \"telegram_token\": \"2:h\"}]");
        var agents = new SubAgentContexts(
                home,
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                entry -> true,
                (entry, agentHome, config) -> {
                    var context = new GenericApplicationContext();
                    context.refresh();
                    return context;
                },
                Duration.ofMillis(50));
        agents.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("running"));
            ControlHandler handler = new SubAgentsConfiguration().controllingSubAgents(agents);

            handler.handle(new CancelAll("stop_all"));
            handler.handle(new ControlAgent("helper", Action.STOP));
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("stopped"));

            handler.handle(new ControlAgent("helper", Action.START));
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("running"));
        } finally {
            agents.stop();
        }
    }

    private static String state(SubAgentContexts agents) {
        var status = agents.statuses().get("helper");
        return status == null ? "" : status.state();
    }
}
