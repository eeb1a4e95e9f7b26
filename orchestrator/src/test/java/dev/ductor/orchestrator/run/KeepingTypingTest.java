package dev.ductor.orchestrator.run;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepingTypingTest {

    private final TurnJournal journal = mock(TurnJournal.class);
    private final Replies replies = mock(Replies.class);

    private static InflightTurn turn(String runId, long chatId, InflightTurn.Phase phase) {
        return new InflightTurn(runId, chat(chatId), "1", "claude", "opus", "p", Instant.now(), phase, false);
    }

    @Test
    void everyTurnHandedToTheRunnersGetsTypingAgain() {
        when(journal.inflight())
                .thenReturn(List.of(
                        turn("r1", 1, InflightTurn.Phase.RUNNING),
                        turn("r2", 2, InflightTurn.Phase.QUEUED),
                        turn("r3", 3, InflightTurn.Phase.ACCEPTED)));
        doThrow(new IllegalStateException("broker down")).when(replies).typing(eq("r1"), any());

        new KeepingTyping(journal, replies).refresh();

        verify(replies).typing("r1", chat(1));
        verify(replies).typing("r2", chat(2));
        verify(replies, never()).typing(eq("r3"), any());
    }
}
