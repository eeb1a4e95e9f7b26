package dev.ductor.scheduler.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.sun.net.httpserver.HttpServer;
import dev.ductor.bus.Topology;
import dev.ductor.scheduler.SchedulerApplication;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watchdog of a real scheduler against the real broker (issue 17 item 6): the orchestrator's consumer
 * goes away and comes back, and exactly one "down" and one "recovered" alert reach the owner's webhook and
 * the second Telegram bot.
 */
class WatchdogIT {

    private static final TestBroker broker = TestBroker.get();
    private static final String WATCH_TOKEN = "777000:watchdog-second-bot-token-abcdefghijkl";
    private static final long OWNER = 4242L;

    @TempDir
    Path home;

    private final String namespace = TestBroker.newNamespace();
    private final Topology topology = new Topology(namespace);
    private final List<JsonNode> webhookAlerts = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private FakeTelegram telegram;
    private ConfigurableApplicationContext scheduler;
    private Connection services;

    @BeforeEach
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/ops-secret-path", exchange -> {
            webhookAlerts.add(JsonMapper.builder()
                    .build()
                    .readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        telegram = FakeTelegram.start(WATCH_TOKEN);
        List<String> args = new ArrayList<>();
        broker.springProperties(namespace).forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(
                "--ductor.home=" + home,
                "--ductor.scheduler.lease-retry=300ms",
                "--ductor.watchdog.interval=200ms",
                "--ductor.watchdog.down-after=1s",
                "--ductor.watchdog.recover-after=1s",
                "--ductor.watchdog.stalled-after=2s",
                "--ductor.watchdog.webhook-url=http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hooks/ops-secret-path",
                "--ductor.watchdog.telegram-token=" + WATCH_TOKEN,
                "--ductor.watchdog.telegram-chat-id=" + OWNER,
                "--ductor.watchdog.telegram-api-url=" + telegram.baseUrl()));
        scheduler = new SpringApplicationBuilder(SchedulerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        services = broker.connect();
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
        scheduler.close();
        telegram.close();
        webhook.stop(0);
        broker.deleteNamespace(namespace, List.of("tg.main"));
    }

    /** A service's consumer on one of its queues (a channel of its own, closed to make it go away). */
    private Channel consume(String queue) throws Exception {
        Channel channel = services.createChannel();
        channel.basicConsume(queue, false, new DefaultConsumer(channel));
        return channel;
    }

    @Test
    void aConsumerThatGoesAwayAndComesBackIsOneDownAndOneRecoveredAlertOnEachChannel() throws Exception {
        Channel orchestrator = consume(topology.orchestratorInboundQueue());
        consume(topology.orchestratorRunEventsQueue());
        consume(topology.gatewayOutboundQueue("tg", "main"));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhookAlerts.isEmpty() && telegram.chat(OWNER).isEmpty());

        orchestrator.close();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> webhookAlerts.size() == 1 && telegram.chat(OWNER).size() == 1);
        JsonNode down = webhookAlerts.getFirst();
        assertThat(down.path("event").asString()).isEqualTo("down");
        assertThat(down.path("problems").toString())
                .contains("the orchestrator does not take the users' messages (no consumer on "
                        + topology.orchestratorInboundQueue() + ")");
        assertThat(telegram.chat(OWNER).getFirst().text()).startsWith("ductor is not answering since");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhookAlerts.size() == 1 && telegram.chat(OWNER).size() == 1);

        consume(topology.orchestratorInboundQueue());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> webhookAlerts.size() == 2 && telegram.chat(OWNER).size() == 2);
        assertThat(webhookAlerts.get(1).path("event").asString()).isEqualTo("recovered");
        assertThat(telegram.chat(OWNER))
                .extracting(BotMessage::text)
                .last()
                .asString()
                .startsWith("ductor answers again");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhookAlerts.size() == 2 && telegram.chat(OWNER).size() == 2);
        String logged = new String(
                java.nio.file.Files.readAllBytes(home.resolve("state/scheduler/watchdog.json")),
                StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain("ops-secret-path").doesNotContain(WATCH_TOKEN);
    }

    @Test
    void aRunRequestNoRunnerTakesIsOneDownAlertAndItsTakingOneRecovery() throws Exception {
        consume(topology.orchestratorInboundQueue());
        consume(topology.orchestratorRunEventsQueue());
        consume(topology.gatewayOutboundQueue("tg", "main"));
        try (Channel orchestrator = services.createChannel()) {
            orchestrator.basicPublish("", topology.runnerRequestsQueue(), null, "{}".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> webhookAlerts.size() == 1);
        assertThat(webhookAlerts.getFirst().path("problems").toString())
                .contains("no runner takes the run requests (none running, or all busy) (1 waiting in "
                        + topology.runnerRequestsQueue());

        try (Channel runner = services.createChannel()) { // a runner comes and takes it
            var got = runner.basicGet(topology.runnerRequestsQueue(), false);
            runner.basicAck(got.getEnvelope().getDeliveryTag(), false);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> webhookAlerts.size() == 2);
        assertThat(webhookAlerts.get(1).path("event").asString()).isEqualTo("recovered");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> webhookAlerts.size() == 2 && telegram.chat(OWNER).size() == 2);
    }
}
