package dev.ductor.gateway.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.Topology;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway against a real RabbitMQ ({@link TestBroker}: the configured one, the local one or a
 * container) and the fake Telegram: user messages reach the orchestrator queue, streams end as one message
 * with the final text, duplicates are not delivered.
 */
class TelegramGatewayIT {

    private static final String TOKEN = "4242:gateway-it";
    private static final TestBroker BROKER = TestBroker.get();
    private static final String NAMESPACE = TestBroker.newNamespace();
    private static final long CHAT = 9001;
    private static final ChatRef REF = new ChatRef("tg", "main", CHAT, null);

    private static FakeTelegram fake;
    private static Path home;
    private static ConfigurableApplicationContext context;
    private static Bus bus;
    private static Topology topology;

    @BeforeAll
    static void start() throws IOException {
        fake = FakeTelegram.start(TOKEN);
        home = Files.createTempDirectory("ductor-gateway-it");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.json"), """
                {"telegram_token": "%s", "telegram_api_url": "%s", "allowed_user_ids": [9001],
                 "streaming": {"edit_interval_seconds": 0.3}}
                """.formatted(TOKEN, fake.baseUrl()));
        context = new SpringApplicationBuilder(TelegramGatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ductor.home=" + home, "ductor.agent=main", "ductor.telegram.poll-timeout-seconds=1")
                .properties(Map.<String, Object>copyOf(BROKER.springProperties(NAMESPACE)))
                .run();
        bus = context.getBean(Bus.class);
        topology = context.getBean(Topology.class);
    }

    @AfterAll
    static void stop() throws IOException {
        if (context != null) {
            context.close();
        }
        if (fake != null) {
            fake.close();
        }
        BROKER.deleteNamespace(NAMESPACE, List.of("tg.main"));
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aUserMessageReachesTheOrchestratorAndTheOffsetIsConfirmed() {
        int messageId = fake.sendUserMessage(CHAT, CHAT, "hello bot");
        RabbitTemplate template = context.getBean(RabbitTemplate.class);
        Message message = template.receive(topology.orchestratorInboundQueue(), 10_000);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(BusHeaders.MESSAGE_ID, "tg:" + CHAT + ":" + messageId)
                .containsKey(BusHeaders.TRACEPARENT);
        var inbound = (InboundMessage) context.getBean(MessageConverter.class).fromMessage(message);
        assertThat(inbound.text()).isEqualTo("hello bot");
        assertThat(inbound.chat()).isEqualTo(REF);
        assertThat(inbound.addressed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pendingUpdates() == 0);
        assertThat(fake.confirmedOffset()).isGreaterThan(0);
        var health = context.getBean("telegram", HealthIndicator.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.health().getStatus().equals(Status.UP));
    }

    @Test
    void aStreamEndsAsOneTelegramMessageWithTheFinalText() {
        long chat = CHAT + 1;
        ChatRef ref = new ChatRef("tg", "main", chat, null);
        String stream = "stream-" + UUID.randomUUID();
        bus.toGateway("tg", "main", new StreamOpen(stream, ref, "12"), "run-1", stream + ":open");
        for (int i = 1; i <= 5; i++) {
            bus.toGateway(
                    "tg",
                    "main",
                    new StreamAppend(stream, ref, i, i == 1 ? 0 : 4 + i, i == 1 ? "Part x" : "x"),
                    "run-1",
                    stream + ":" + i);
        }
        bus.toGateway(
                "tg",
                "main",
                new StreamClose(stream, ref, "The final answer.", List.of(), true),
                "run-1",
                stream + ":close");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> fake.visible(chat).stream().anyMatch(m -> m.text().equals("The final answer.")));
        List<BotMessage> visible = fake.visible(chat);
        assertThat(visible)
                .singleElement()
                .satisfies(m -> assertThat(m.replyTo()).isEqualTo(12));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(RabbitAdmin.class)
                                .getQueueInfo(topology.gatewayOutboundQueue("tg", "main"))
                                .getMessageCount()
                        == 0);
    }

    @Test
    void aRepeatedMessageIdIsDeliveredOnce() {
        long chat = CHAT + 2;
        ChatRef ref = new ChatRef("tg", "main", chat, null);
        bus.toGateway("tg", "main", new ChatAction(ref, "typing"), "c", "dup-action");
        bus.toGateway("tg", "main", new ChatAction(ref, "typing"), "c", "dup-action");
        bus.toGateway("tg", "main", new SendText("ref-once", ref, "once", null, List.of()), "c", "dup-text");
        bus.toGateway("tg", "main", new SendText("ref-once", ref, "once", null, List.of()), "c", "dup-text");
        bus.toGateway("tg", "main", new SendText("ref-marker", ref, "marker", null, List.of()), "c", "marker");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.visible(chat).stream().anyMatch(m -> m.text().equals("marker")));
        assertThat(fake.visible(chat)).extracting(BotMessage::text).containsExactly("once", "marker");
        assertThat(fake.requests("sendChatAction").stream()
                        .filter(r -> r.param("chat_id").equals(String.valueOf(chat))))
                .hasSize(1);
        assertThat(fake.requests("editMessageText").stream()
                        .filter(r -> r.param("chat_id").equals(String.valueOf(chat))))
                .isEmpty();
    }
}
