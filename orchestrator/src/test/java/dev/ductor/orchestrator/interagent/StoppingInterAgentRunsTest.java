package dev.ductor.orchestrator.interagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.named.NamedSessions;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * {@code /stop} in the chat an inter-agent ask runs in (behaviour §2.7, §5.8): the run is stopped and answered
 * {@code Cancelled}, so the asking agent is told; a run of another chat goes on.
 */
class StoppingInterAgentRunsTest {

    static final ChatRef RESEARCH_CHAT = new ChatRef("tg", "research", 555, null);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Bus bus = mock(Bus.class);
    private InterAgentRuns runs;
    private HandlingInterAgentAsks handling;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[555], \"model\": \"opus\"}");
        var sessions = new NamedSessions(new DuctorHome(home), clock);
        runs = new InterAgentRuns(new DuctorHome(home), sessions, bus, clock);
        when(bus.topology()).thenReturn(new Topology("", "research"));
        var config = new ConfigStore(new ConfigLoader(Map.of()), file);
        handling = new HandlingInterAgentAsks(
                sessions,
                runs,
                mock(Replies.class),
                config,
                new AgentChats(config, mock(SessionStore.class), bus),
                new ModelRegistry(new ModelCaches(new DuctorHome(home))),
                mock(TurnJournal.class),
                clock);
    }

    @Test
    void stopInTheRecipientsChatCancelsTheAskAndTheAskerIsToldCancelled() {
        handling.receive(ask(), mock(Acker.class));

        assertThat(runs.stopAll(new ChatRef("tg", "research", 777, null))).isFalse();
        verify(bus, never()).control(new CancelRun("ia-9f3c2a1b", CancelRun.Mode.STOP), "ia-9f3c2a1b");

        assertThat(runs.stopAll(RESEARCH_CHAT)).isTrue();
        verify(bus).control(new CancelRun("ia-9f3c2a1b", CancelRun.Mode.STOP), "ia-9f3c2a1b");

        runs.finished(new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.STOPPED, "", null, 0, 0, 0, 0, null));
        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("tg"), eq("main"), answer.capture(), anyString(), anyString());
        assertThat(answer.getValue().success()).isFalse();
        assertThat(answer.getValue().error()).isEqualTo("Cancelled");
        assertThat(runs.stopAll(RESEARCH_CHAT)).isFalse();
    }

    private InterAgentAsk ask() {
        return new InterAgentAsk(
                "9f3c2a1b",
                "main",
                "research",
                "Find the three most cited RAG papers",
                false,
                new ChatRef("tg", "main", 123456789, null),
                null,
                null,
                true,
                true,
                null,
                clock.instant().plusSeconds(3600),
                clock.instant());
    }
}
