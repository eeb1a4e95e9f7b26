package dev.ductor.agents;

import static dev.ductor.agents.TestSubAgentContexts.state;
import static org.awaitility.Awaitility.await;

import dev.ductor.lifecycle.ControlHandler;
import dev.ductor.model.CancelAll;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.ControlAgent.Action;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

/** behaviour §2.21: the gateway applies the main orchestrator's {@code ControlAgent} to that bot's context. */
class ControllingSubAgentsTest {

    @TempDir
    Path dir;

    @Test
    void controlAgentStopsAndStartsTheBotsContextAndOtherCommandsChangeNothing() throws Exception {
        var agents = TestSubAgentContexts.helper(dir, (entry, agentHome, config) -> {
            var context = new GenericApplicationContext();
            context.refresh();
            return context;
        });
        agents.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("running"));
            ControlHandler handler = new ControllingSubAgents(agents);

            handler.handle(new CancelAll("stop_all"));
            handler.handle(new ControlAgent("helper", Action.STOP));
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("stopped"));

            handler.handle(new ControlAgent("helper", Action.START));
            await().atMost(Duration.ofSeconds(5)).until(() -> state(agents).equals("running"));
        } finally {
            agents.stop();
        }
    }
}
