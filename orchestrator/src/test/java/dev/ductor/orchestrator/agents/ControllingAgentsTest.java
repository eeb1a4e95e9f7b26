package dev.ductor.orchestrator.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.agents.SubAgentContexts;
import dev.ductor.bus.Bus;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.ControlAgent.Action;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §2.21: {@code /agent_start}, {@code /agent_stop}, {@code /agent_restart} on the main agent. */
class ControllingAgentsTest {

    @TempDir
    Path dir;

    private final Bus bus = mock(Bus.class);

    @Test
    void stopsStartsAndRestartsASubAgentAndTellsTheOtherServices() throws Exception {
        try (var served = TestSubAgents.start(
                dir, "{\"telegram_token\": \"1:main\"}", "[{\"name\": \"helper\", \"telegram_token\": \"2:h\"}]")) {
            var agents = served.agents();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agents.statuses().containsKey("helper")
                            && agents.statuses().get("helper").state().equals("running"));
            var controlling = new ControllingAgents(agents, bus, Texts.english());

            assertThat(controlling.answer("agent_stop", Action.STOP, new String[] {"Helper"}, "m1"))
                    .isEqualTo("Agent 'helper' stopped.");
            verify(bus).control(new ControlAgent("helper", Action.STOP), "m1");
            assertThat(agents.statuses().get("helper").state()).isEqualTo("stopped");
            assertThat(controlling.answer("agent_stop", Action.STOP, new String[] {"helper"}, "m2"))
                    .isEqualTo("Agent 'helper' is not running.");

            assertThat(controlling.answer("agent_start", Action.START, new String[] {"helper"}, "m3"))
                    .isEqualTo("Agent 'helper' started.");
            verify(bus).control(new ControlAgent("helper", Action.START), "m3");
            assertThat(controlling.answer("agent_start", Action.START, new String[] {"helper"}, "m4"))
                    .isEqualTo("Agent 'helper' is already running.");

            assertThat(controlling.answer("agent_restart", Action.RESTART, new String[] {"helper"}, "m5"))
                    .isEqualTo("Agent 'helper' restarted.");
            verify(bus).control(new ControlAgent("helper", Action.RESTART), "m5");
            assertThat(agents.statuses().get("helper").restarts()).isEqualTo(1);
        }
    }

    @Test
    void refusesTheMainAgentAnUnknownNameAMissingNameAndASubAgentsChat() throws Exception {
        try (var served = TestSubAgents.start(dir, "{}", "[]")) {
            var agents = served.agents();
            var controlling = new ControllingAgents(agents, bus, Texts.english());
            assertThat(controlling.answer("agent_stop", Action.STOP, new String[] {"main"}, "m1"))
                    .isEqualTo("Cannot stop the main agent.");
            assertThat(controlling.answer("agent_restart", Action.RESTART, new String[] {"main"}, "m1"))
                    .isEqualTo("Cannot restart main agent via this command. Use /restart instead.");
            assertThat(controlling.answer("agent_start", Action.START, new String[] {"main"}, "m1"))
                    .isEqualTo("Agent 'main' is already running.");
            assertThat(controlling.answer("agent_restart", Action.RESTART, new String[] {}, "m2"))
                    .isEqualTo("Usage: /agent_restart <name>");
            assertThat(controlling.answer("agent_start", Action.START, new String[] {"ghost"}, "m3"))
                    .isEqualTo("Agent 'ghost' not found in agents.json.");
            assertThat(controlling.answer("agent_stop", Action.STOP, new String[] {"ghost"}, "m3"))
                    .isEqualTo("Agent 'ghost' is not running.");
            verify(bus, never()).control(any(), anyString());
        }
        assertThat(new ControllingAgents((SubAgentContexts) null, bus, Texts.english())
                        .answer("agent_stop", Action.STOP, new String[] {"helper"}, "m4"))
                .isEqualTo("/agent_stop is answered in the main agent's chat.");
    }
}
