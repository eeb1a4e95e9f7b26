package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10 item 8: Telegram down for ten minutes loses no answer, and a failed final edit is not taken as shown. */
class TelegramOutageTest {

    private static final String TOKEN = "1:outage";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, null);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake = FakeTelegram.start(TOKEN).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
    /** The service's backoff: from 500 ms up to 30 s. */
    private final Outbox outbox =
            new Outbox(Duration.ofMillis(500), Duration.ofSeconds(30), new SimpleMeterRegistry(), time, time);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    private Renderer renderer(TelegramPort telegram) {
        return TestRenderers.renderer(
                telegram,
                outbox,
                new SentMessages(workspace.resolve("state"), 100),
                StreamSettings.defaults(0.05),
                workspace,
                time);
    }

    /** 502 from Telegram's front, or (0) connections dropped without an answer. */
    @ParameterizedTest
    @ValueSource(ints = {502, 0})
    void tenMinutesOfOutageEndWithEveryAnswerDeliveredOnce(int status) {
        Renderer renderer = renderer(port);
        renderer.open("s1", CHAT, null).join();
        String partial = "The first paragraph of the answer.\n\n" + "x".repeat(200) + ".\n\n";
        time.join(renderer.append("s1", CHAT, 0, partial));
        time.advance(Duration.ofSeconds(2));
        assertThat(fake.visible(42)).hasSize(1);

        fake.outage(status);
        String answer = partial + "And the end of it.";
        CompletableFuture<Void> close = renderer.close("s1", CHAT, null, answer, List.of(), true);
        CompletableFuture<Void> text =
                renderer.close("t1", CHAT, null, "A reply sent while Telegram is down.", List.of(), true);
        time.advance(Duration.ofMinutes(10));
        assertThat(fake.failedDuringOutage()).isGreaterThan(Outbox.MAX_TRANSIENT_ATTEMPTS);
        assertThat(close).isNotDone(); // still unacked: the broker keeps the command
        assertThat(text).isNotDone();

        fake.endOutage();
        time.join(close);
        time.join(text);
        assertThat(fake.visible(42))
                .extracting(BotMessage::text)
                .containsExactly(answer.strip(), "A reply sent while Telegram is down.");
    }

    @Test
    void aFinalEditThatFailsIsNotTakenAsShownTheRestGoesOutAsNewMessages() {
        TelegramPort finalEditFails = TestRenderers.editsRejected(port);
        Renderer renderer = renderer(finalEditFails);
        renderer.open("s2", CHAT, null).join();
        String partial = "The first paragraph of the answer.\n\n" + "x".repeat(200) + ".\n\n";
        time.join(renderer.append("s2", CHAT, 0, partial));
        time.advance(Duration.ofSeconds(2));

        time.join(renderer.close("s2", CHAT, null, partial + "The conclusion.", List.of(), true));

        assertThat(fake.visible(42))
                .extracting(m -> m.text().strip())
                .containsExactly(partial.strip(), "The conclusion.");
    }
}
