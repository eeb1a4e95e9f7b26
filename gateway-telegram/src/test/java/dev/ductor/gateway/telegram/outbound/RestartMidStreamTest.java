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

    @Test
    void theRedeliveredCloseFinishesEveryMessageOfTheStream() {
        String answer = StreamScript.answer(10_000);
        Outbox before = TestRenderers.outbox(time);
        Renderer first = TestRenderers.renderer(
                port, before, new SentMessages(state, 100), StreamSettings.defaults(0.2), state, time);
        first.open("r1", CHAT, "9").join();
        String partial = answer.substring(0, 6_000);
        first.append("r1", CHAT, 1, partial);
        time.runUntil(() -> fake.visible(77).size() == 2);
        first.append("r1", CHAT, 2, answer.substring(0, 8_000)); // in flight when the process dies
        before.close();

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = TestRenderers.renderer(
                    port, after, new SentMessages(state, 100), StreamSettings.defaults(0.2), state, time);
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
}
