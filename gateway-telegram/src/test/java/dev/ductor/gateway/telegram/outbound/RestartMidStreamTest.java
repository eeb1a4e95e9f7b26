package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private final FakeTelegram fake = FakeTelegram.start(TOKEN).enforceRateLimits(true);
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
        Outbox before = new Outbox(Duration.ofMillis(50), Duration.ofMillis(200), new SimpleMeterRegistry());
        Renderer first =
                TestRenderers.renderer(port, before, new SentMessages(state, 100), StreamSettings.defaults(0.2), state);
        first.open("r1", CHAT, "9").join();
        String partial = answer.substring(0, 6_000);
        first.append("r1", CHAT, 1, partial);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.visible(77).size() == 2);
        first.append("r1", CHAT, 2, answer.substring(0, 8_000)); // in flight when the process dies
        before.close();

        Outbox after = new Outbox(Duration.ofMillis(50), Duration.ofMillis(200), new SimpleMeterRegistry());
        try {
            Renderer second = TestRenderers.renderer(
                    port, after, new SentMessages(state, 100), StreamSettings.defaults(0.2), state);
            second.close("r1", CHAT, null, answer, List.of())
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join();
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
