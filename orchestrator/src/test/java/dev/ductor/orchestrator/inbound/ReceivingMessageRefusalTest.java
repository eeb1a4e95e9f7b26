package dev.ductor.orchestrator.inbound;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.construct;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.config.ConfigStore;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.TestMessages.RecordingAcker;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.chats.RecordingGroupMessages;
import dev.ductor.orchestrator.command.ChatCommands;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.turn.GeminiLogin;
import dev.ductor.orchestrator.turn.RefusingMessage;
import dev.ductor.orchestrator.turn.StartingTurn;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.StateNotWritten;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/** The gate when state cannot be written (behaviour §3.17): the sender hears so; nothing is dead-lettered. */
class ReceivingMessageRefusalTest {

    @TempDir
    Path root;

    private final Replies replies = mock(Replies.class);
    private final ChatCommands commands = mock(ChatCommands.class);
    private final RecordingGroupMessages groups = mock(RecordingGroupMessages.class);
    private final RecordingAcker acker = new RecordingAcker();

    /** A real failure of a state write: the directory the file belongs in is a plain file. */
    private StateNotWritten notWritten() throws Exception {
        Path blocker = Files.writeString(root.resolve("blocker"), "x");
        try {
            AtomicFiles.write(blocker.resolve("sessions.json"), new byte[0]);
        } catch (StateNotWritten e) {
            return e;
        }
        throw new AssertionError("the write should have failed");
    }

    private ReceivingMessage receiving() throws Exception {
        var authorizer = mock(Authorizer.class);
        when(authorizer.allows(any(dev.ductor.model.InboundMessage.class))).thenReturn(true);
        var gemini = mock(GeminiLogin.class);
        when(gemini.refusal(any())).thenReturn(java.util.Optional.empty());
        return new ReceivingMessage(
                mock(TurnJournal.class),
                authorizer,
                mock(ConfigStore.class),
                groups,
                commands,
                gemini,
                replies,
                new dev.ductor.orchestrator.turn.AdmittingTurn(
                        new Conversations(),
                        mock(StartingTurn.class),
                        mock(QueueIndicators.class),
                        mock(OrchestratorMetrics.class)),
                mock(OrchestratorMetrics.class),
                construct(RefusingMessage.class, replies, Texts.english()));
    }

    @Test
    void aCommandWhoseStateCannotBeSavedIsAnsweredAndAckedAfterTheAnswer() throws Exception {
        when(commands.handle(any(), any())).thenThrow(notWritten());
        Mockito.doAnswer(call -> acker.settled.add("answered: " + call.getArgument(1)))
                .when(replies)
                .text(Mockito.eq(chat(1)), Mockito.anyString(), Mockito.eq("10"));

        receiving().receive(privateMessage(1, "10", "/new"), acker);

        assertThat(acker.settled).containsExactly("answered: " + Texts.english().t("recovery.not_accepting"), "ack");
    }
}
