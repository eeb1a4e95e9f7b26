package dev.ductor.orchestrator.turn;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.construct;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.orchestrator.TestMessages.RecordingAcker;
import dev.ductor.orchestrator.chats.ChatTracker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.EffectiveRuntime;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.orchestrator.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpIOException;

/**
 * A turn whose journal entry cannot be written (behaviour §3.7): the sender is told, the delivery is
 * settled only after that, and nothing reaches the runners. Real journal and session store on a
 * directory that stops being writable.
 */
class RefusingMessageTest {

    @TempDir
    Path root;

    private final Replies replies = mock(Replies.class);
    private final Bus bus = mock(Bus.class);
    private DuctorHome home;
    private TurnJournal journal;
    private StartingTurn starting;

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root);
        when(bus.topology()).thenReturn(new Topology(""));
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111]}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        journal = construct(
                TurnJournal.class,
                home,
                new OrchestratorProperties(Duration.ofSeconds(30), Duration.ofSeconds(2), 5000, Duration.ofHours(24)));
        SessionStore sessions = construct(SessionStore.class, home, config);
        sessions.resolve(chat(1));
        starting = new StartingTurn(
                sessions,
                journal,
                replies,
                bus,
                config,
                home,
                mock(ModelRegistry.class),
                mock(ChatTracker.class),
                new RunRequests(),
                new RefusingMessage(replies, Texts.english()),
                new EffectiveRuntime(mock(Runners.class), mock(ModelRegistry.class)),
                Texts.english());
    }

    /** The journal's directory becomes a plain file: every write of turns.json fails, as on a dead disk. */
    private void journalUnwritable() throws Exception {
        Path dir = home.stateDir("orchestrator");
        Files.createDirectories(dir.getParent());
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        Files.writeString(dir, "not a directory");
    }

    private PendingMessage pending(RecordingAcker acker) {
        return new PendingMessage(privateMessage(1, "10", "hello"), "tg:1:10", acker);
    }

    @Test
    void theSenderIsToldAndOnlyThenTheMessageIsAcked() throws Exception {
        journalUnwritable();
        var acker = new RecordingAcker();

        assertThat(starting.start(pending(acker), "run-1")).isFalse();

        verify(replies).text(chat(1), Texts.english().t("recovery.not_accepting"), "10");
        assertThat(Texts.english().t("recovery.not_accepting")).startsWith("Cannot accept messages right now");
        assertThat(acker.last()).isEqualTo("ack");
        verify(bus, never()).toRunners(any(), anyString());
        verify(replies, never()).streamOpen(anyString(), any(), any());
        assertThat(journal.inflight()).isEmpty();
        assertThat(journal.seen("tg:1:10")).as("sent again later, it runs").isFalse();
    }

    @Test
    void whenEvenTheAnswerCannotGoOutTheMessageGoesBackToTheBroker() throws Exception {
        journalUnwritable();
        doThrow(new AmqpIOException(new java.io.IOException("broker gone")))
                .when(replies)
                .text(any(), anyString(), any());
        var acker = new RecordingAcker();

        assertThat(starting.start(pending(acker), "run-1")).isFalse();

        assertThat(acker.last()).isEqualTo("requeue");
        verify(bus, never()).toRunners(any(), anyString());
    }

    @Test
    void aWritableJournalStartsTheTurnAsBefore() {
        var acker = new RecordingAcker();

        assertThat(starting.start(pending(acker), "run-1")).isTrue();

        verify(bus).toRunners(any(), anyString());
        verify(replies, never()).text(any(), anyString(), any());
        assertThat(acker.last()).isEqualTo("ack");
        assertThat(journal.get("run-1")).isPresent();
    }
}
