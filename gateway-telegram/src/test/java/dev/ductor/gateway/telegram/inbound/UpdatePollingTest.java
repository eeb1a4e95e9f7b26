package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.Topology;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.TelegramProperties;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.util.unit.DataSize;

class UpdatePollingTest {

    private static final String TOKEN = "5:poll";
    private static final DuctorConfig CONFIG = TestConfigs.allowing("3", "");
    private final FakeTelegram fake = FakeTelegram.start(TOKEN);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TelegramMetrics metrics = new TelegramMetrics(registry);
    private final RabbitTemplate template = mock(RabbitTemplate.class);
    private final AtomicBoolean brokerUp = new AtomicBoolean(false);
    private final AtomicInteger attempts = new AtomicInteger();
    private final UpdatePolling polling = new UpdatePolling(
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, metrics),
            new Bus(template, new Topology("t"), new BusProperties("t", false, 5, Duration.ofSeconds(1))),
            metrics,
            new TelegramProperties(
                    1, 100, Duration.ofMillis(20), Duration.ofMillis(100), DataSize.ofMegabytes(20), 50_000_000, true),
            "main",
            () -> CONFIG);

    @AfterEach
    void stop() {
        polling.stop();
        fake.close();
    }

    @Test
    void theOffsetMovesOnlyAfterTheBrokerConfirmed() {
        when(template.invoke(any())).thenAnswer(invocation -> {
            attempts.incrementAndGet();
            if (!brokerUp.get()) {
                throw new AmqpConnectException(new java.net.ConnectException("broker down"));
            }
            return null;
        });
        fake.injectUpdate(Map.of("edited_message", Map.of("message_id", 1, "date", 1, "text", "x")));
        fake.sendUserMessage(3, 3, "must not be lost");
        polling.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
        assertThat(fake.pendingUpdates()).isGreaterThanOrEqualTo(1);
        assertThat(polling.offset()).isEqualTo(2); // the skipped edit is confirmed, the message is not

        brokerUp.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> polling.offset() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pendingUpdates() == 0);
        assertThat(registry.get("ductor_telegram_updates")
                        .tag("kind", "edited_message")
                        .tag("outcome", "skipped")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("ductor_telegram_updates")
                        .tag("kind", "message")
                        .tag("outcome", "published")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
