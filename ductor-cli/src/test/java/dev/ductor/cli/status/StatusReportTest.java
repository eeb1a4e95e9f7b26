package dev.ductor.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.sun.net.httpserver.HttpServer;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.Topology;
import dev.ductor.cli.Session;
import dev.ductor.model.Contracts;
import dev.ductor.model.RunnerStatus;
import dev.ductor.testkit.broker.TestBroker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.2: `ductor status` against a real broker and services answering on their actuator ports. */
class StatusReportTest {

    @TempDir
    Path tmp;

    final TestBroker broker = TestBroker.get();
    final String namespace = TestBroker.newNamespace();
    final Topology topology = new Topology(namespace);
    Session session;
    HttpServer orchestrator;
    Connection connection;
    Channel channel;
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        session = new Session(tmp);
        session.env.putAll(broker.environment(namespace));
        orchestrator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orchestrator.createContext("/actuator/health", exchange -> respond(exchange, """
                {"status":"DOWN","components":{"rabbit":{"status":"DOWN"},"ping":{"status":"UP"}}}"""));
        orchestrator.createContext("/actuator/info", exchange -> respond(exchange, """
                {"build":{"version":"0.1.0-SNAPSHOT"}}"""));
        orchestrator.start();
        session.env.put(
                "DUCTOR_ORCHESTRATOR_PORT",
                String.valueOf(orchestrator.getAddress().getPort()));
        connection = broker.connect();
        channel = connection.createChannel();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body.contains("DOWN") ? 503 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() throws Exception {
        reporter.shutdownNow();
        orchestrator.stop(0);
        for (String queue : List.of(
                topology.orchestratorInboundQueue(),
                Topology.deadLetterQueue(topology.orchestratorInboundQueue()),
                topology.runnerRequestsQueue())) {
            channel.queueDelete(queue);
        }
        channel.exchangeDelete(topology.runEventsExchange());
        connection.close();
    }

    @Test
    void reportsServicesQueuesDeadLettersRunnersAndLastErrors() throws Exception {
        channel.queueDeclare(topology.orchestratorInboundQueue(), true, false, false, null);
        channel.queueDeclare(Topology.deadLetterQueue(topology.orchestratorInboundQueue()), true, false, false, null);
        channel.basicPublish("", topology.orchestratorInboundQueue(), null, "x".getBytes());
        channel.basicPublish("", topology.orchestratorInboundQueue(), null, "y".getBytes());
        channel.basicPublish("", Topology.deadLetterQueue(topology.orchestratorInboundQueue()), null, "z".getBytes());
        channel.queueDeclare(topology.runnerRequestsQueue(), true, false, false, null);
        Channel runnerChannel = connection.createChannel();
        runnerChannel.basicConsume(topology.runnerRequestsQueue(), false, (tag, delivery) -> {}, tag -> {});
        channel.exchangeDeclare(topology.runEventsExchange(), "topic", true);
        var status = new RunnerStatus(
                "host-1",
                4,
                List.of("run-a"),
                List.of(
                        new RunnerStatus.ProviderStatus("claude", true, true, "2.1.197"),
                        new RunnerStatus.ProviderStatus("codex", true, false, null),
                        new RunnerStatus.ProviderStatus("gemini", false, false, null)),
                Instant.parse("2026-12-06T10:00:00Z"));
        byte[] body = ContractJson.mapper().writeValueAsBytes(status);
        var properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(BusHeaders.TYPE, Contracts.typeOf(status)))
                .build();
        reporter.scheduleAtFixedRate(
                () -> {
                    try {
                        channel.basicPublish(
                                topology.runEventsExchange(), Topology.runnerStatusKey("host-1"), properties, body);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                300,
                200,
                TimeUnit.MILLISECONDS);
        Path logs = session.repo().resolve(".run/logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("orchestrator.log"), """
                2026-12-06T10:00:00Z  INFO 1 --- [main] started
                2026-12-06T10:00:01Z ERROR 1 --- [main] first failure
                2026-12-06T10:00:02Z ERROR 1 --- [main] second failure
                """);
        Files.writeString(logs.resolve("scheduler.log"), "2026-12-06T10:00:00Z  INFO 1 --- [main] fine\n");

        int code = session.run("status", "--runner-wait", "20");

        String out = session.out();
        assertThat(code).isEqualTo(3);
        assertThat(out)
                .contains("missing: run `ductor` to set it up")
                .containsPattern("orchestrator +:\\d+  DOWN, version 0.1.0-SNAPSHOT \\(not UP: rabbit DOWN\\)")
                .contains("cli-runner        :1  not running (nothing answers on port 1)")
                .contains("answers.")
                .contains(topology.orchestratorInboundQueue() + ": 2 / 0")
                .contains(Topology.deadLetterQueue(topology.orchestratorInboundQueue()) + ": 1 / 0  <- dead letters")
                .contains(topology.runnerRequestsQueue() + ": 0 / 1")
                .contains("gateway.tg.main.outbound: not declared yet")
                .contains("Runners: 1 consuming run requests")
                .contains("host-1: 1/4 slots busy")
                .contains("claude logged in (2.1.197)")
                .contains("codex not logged in")
                .contains("gemini not installed")
                .contains("ERROR 1 --- [main] first failure")
                .contains("scheduler: none")
                .doesNotContain("INFO 1 --- [main] started");
    }

    @Test
    void aBrokerThatDoesNotAnswerIsSaidPlainly() {
        session.env.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
        session.env.put("SPRING_RABBITMQ_PORT", "1");

        int code = session.run("status");

        assertThat(code).isEqualTo(3);
        assertThat(session.out())
                .contains("Broker: RabbitMQ at 127.0.0.1:1 does not answer")
                .contains("bin/ensure-rabbitmq")
                .contains("CLIs on this machine:");
    }
}
