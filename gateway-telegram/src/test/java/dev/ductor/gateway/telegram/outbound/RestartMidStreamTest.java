package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: a gateway restart in the middle of a long stream leaves no half-finished message. The bus
 * redelivers the unacked StreamClose to the new process, which finds the stream's messages in the state
 * files and brings every one of them to the final text, without sending duplicates.
 */
class RestartMidStreamTest {

    private static final String TOKEN = "1:restart";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 77, 5L);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake =
            FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));

    @TempDir
    Path state;

    @AfterEach
    void stop() {
        fake.close();
    }

    /** A gateway process's renderer: a fresh one on the same state files is that process restarted. */
    private Renderer renderer(Outbox outbox) {
        return TestRenderers.renderer(
                port, outbox, new SentMessages(state, 100), StreamSettings.defaults(0.2), state, time);
    }

    @Test
    void theRedeliveredCloseFinishesEveryMessageOfTheStream() {
        String answer = StreamScript.answer(10_000);
        Outbox before = TestRenderers.outbox(time);
        Renderer first = renderer(before);
        first.open("r1", CHAT, "9").join();
        String partial = answer.substring(0, 6_000);
        first.append("r1", CHAT, 0, partial);
        time.runUntil(() -> fake.visible(77).size() == 2);
        first.append("r1", CHAT, 0, answer.substring(0, 8_000)); // in flight when the process dies
        before.close();

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = renderer(after);
            time.join(second.close("r1", CHAT, null, answer, List.of(), true));
        } finally {
            after.close();
        }

        List<BotMessage> messages = fake.visible(77);
        assertThat(String.join(
                        "\n\n", messages.stream().map(m -> m.text().strip()).toList()))
                .isEqualTo(answer);
        assertThat(messages).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(messages.getFirst().replyTo()).isEqualTo(9);
        assertThat(messages).allSatisfy(m -> assertThat(m.threadId()).isEqualTo(5L));
        assertThat(fake.rateLimited429Count()).isZero();
    }

    @Test
    void deltasAckedBeforeACrashAreKeptSoTheStreamGoesOnAfterIt() {
        String answer = StreamScript.answer(10_000);
        Outbox before = TestRenderers.outbox(time);
        Renderer first = renderer(before);
        first.open("r2", CHAT, "9").join();
        var shown = first.append("r2", CHAT, 0, answer.substring(0, 6_000));
        time.runUntil(() -> fake.visible(77).size() == 2);
        time.join(shown); // acked: the bus will not bring this text again
        before.close(); // the process dies

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = renderer(after);
            // a redelivered overlap, then the next delta
            second.append("r2", CHAT, 5_000, answer.substring(5_000, 8_000));
            second.append("r2", CHAT, 8_000, answer.substring(8_000));
            // a close without text (a /stop) keeps what was streamed: the answer as rebuilt across the crash
            time.join(second.close("r2", CHAT, null, "", List.of(), false));
        } finally {
            after.close();
        }

        List<BotMessage> messages = fake.visible(77);
        assertThat(String.join(
                        "\n\n", messages.stream().map(m -> m.text().strip()).toList()))
                .isEqualTo(answer.strip());
        assertThat(state.resolve("streams")).isEmptyDirectory(); // the close brought the whole answer
    }
}
