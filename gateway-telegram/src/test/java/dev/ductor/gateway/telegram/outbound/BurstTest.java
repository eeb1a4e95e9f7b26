package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: 50 chats streaming 10 KB answers at once, against a fake enforcing Telegram's limits. */
class BurstTest {

    private static final String TOKEN = "1:burst";
    private static final int CHATS = 50;

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake =
            FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
    private final Outbox outbox =
            new Outbox(Duration.ofMillis(50), Duration.ofMillis(500), new SimpleMeterRegistry(), time, time);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    @Test
    void fiftyChatsStreamingTenKilobytesCompleteWithoutA429() {
        Renderer renderer = TestRenderers.renderer(
                port, outbox, new SentMessages(workspace, 1000), StreamSettings.defaults(2.0), workspace, time);
        String answer = StreamScript.answer(10_000);
        for (int chat = 1; chat <= CHATS; chat++) {
            renderer.open("b" + chat, chat(chat), null).join();
        }
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        int steps = 50;
        for (int step = 1; step <= steps; step++) {
            String text = answer.substring(0, answer.length() * step / steps);
            for (int chat = 1; chat <= CHATS; chat++) {
                renderer.append("b" + chat, chat(chat), 0, text);
            }
            time.advance(Duration.ofMillis(100)); // the agents' pace between deltas
        }
        for (int chat = 1; chat <= CHATS; chat++) {
            closes.add(renderer.close("b" + chat, chat(chat), null, answer, List.of(), true));
        }
        time.join(CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)));

        assertThat(fake.rateLimited429Count()).isZero();
        for (int chat = 1; chat <= CHATS; chat++) {
            List<BotMessage> visible = fake.visible(chat);
            assertThat(String.join(
                            "\n\n", visible.stream().map(m -> m.text().strip()).toList()))
                    .as("chat %d", chat)
                    .isEqualTo(answer);
        }
    }

    private static ChatRef chat(int id) {
        return new ChatRef("tg", "main", id, null);
    }
}
