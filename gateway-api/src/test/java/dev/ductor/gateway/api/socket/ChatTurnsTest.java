package dev.ductor.gateway.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §10: what the gateway knows of running turns and aborts outlives a restart of the gateway. */
class ChatTurnsTest {

    @TempDir
    Path state;

    private final ChatRef chat = new ChatRef("api", "main", 7, null);
    private final ChatRef channel = new ChatRef("api", "main", 7, 3L);

    @Test
    void anOpenStreamIsStillARunningTurnAfterARestartUntilItCloses() {
        ChatTurns before = new ChatTurns(state);
        before.opened(chat, "run-1");
        before.opened(channel, "run-2");
        before.closed(channel, "run-2");

        ChatTurns after = new ChatTurns(state);
        assertThat(after.running(chat)).isEqualTo(1);
        assertThat(after.running(channel)).isZero();

        after.closed(chat, "run-1");
        assertThat(new ChatTurns(state).running(chat)).isZero();
    }

    @Test
    void anAbortSentBeforeARestartStillHidesTheOrchestratorsAnswerToIt() {
        new ChatTurns(state).abortSent("api-abort-1");

        ChatTurns after = new ChatTurns(state);
        assertThat(after.answersAnAbort("api-abort-1")).isTrue();
        assertThat(after.answersAnAbort("api-message-2")).isFalse();
    }
}
