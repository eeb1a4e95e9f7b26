package dev.ductor.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.bus.Topology;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator against a real RabbitMQ, with this test playing the Telegram gateway (publishing
 * InboundMessages, reading outbound commands) and a runner (reading RunRequests, publishing run events).
 * Every scenario uses its own chat, so the shared queues never mix their assertions.
 */
class OrchestratorIT {

    private static final long USER = 111;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path home;

    private static final String NAMESPACE = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Topology TOPOLOGY = new Topology(NAMESPACE);
    private static final String CONTROL_QUEUE = NAMESPACE + ".test.control";
    private static final ContractMessageConverter CONVERTER = new ContractMessageConverter(ContractJson.mapper());

    private static final List<RunRequest> requests = new CopyOnWriteArrayList<>();
    private static final List<Object> outbound = new CopyOnWriteArrayList<>();
    private static final List<Object> control = new CopyOnWriteArrayList<>();

    private static ConfigurableApplicationContext app;
    private static CachingConnectionFactory connections;
    private static RabbitTemplate template;
    private static RabbitAdmin admin;
    private static Bus bus;
    private static SimpleMessageListenerContainer listeners;

    @BeforeAll
    static void start() throws Exception {
        Path config = home.resolve("config/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[]}");

        System.out.println("OrchestratorIT bus namespace: " + NAMESPACE);
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        template = new RabbitTemplate(connections);
        template.setMessageConverter(CONVERTER);
        admin = new RabbitAdmin(connections);
        app = new SpringApplicationBuilder(OrchestratorApplication.class)
                .properties(Map.of(
                        "spring.rabbitmq.host", "127.0.0.1",
                        "spring.rabbitmq.port", "5672",
                        "spring.rabbitmq.username", "guest",
                        "spring.rabbitmq.password", "guest",
                        "ductor.bus.namespace", NAMESPACE,
                        "ductor.home", home.toString(),
                        "server.port", "0",
                        "ductor.orchestrator.run-lost-after", "3s",
                        "ductor.orchestrator.watchdog-interval", "200ms"))
                .run();

        admin.declareQueue(new Queue(CONTROL_QUEUE, false, false, false));
        admin.declareBinding(
                new Binding(CONTROL_QUEUE, Binding.DestinationType.QUEUE, TOPOLOGY.controlExchange(), "", null));
        bus = new Bus(template, TOPOLOGY, new BusProperties(NAMESPACE, true, 5, Duration.ofSeconds(10)));

        listeners = new SimpleMessageListenerContainer(connections);
        listeners.setQueueNames(
                TOPOLOGY.runnerRequestsQueue(), TOPOLOGY.gatewayOutboundQueue("tg", "main"), CONTROL_QUEUE);
        listeners.setMessageListener(OrchestratorIT::collect);
        listeners.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (listeners != null) {
                listeners.stop();
            }
            if (app != null) {
                app.close();
            }
        } finally {
            if (admin != null) {
                for (String queue : List.of(
                        TOPOLOGY.orchestratorInboundQueue(),
                        TOPOLOGY.orchestratorRunEventsQueue(),
                        TOPOLOGY.runnerRequestsQueue(),
                        TOPOLOGY.gatewayOutboundQueue("tg", "main"))) {
                    admin.deleteQueue(queue);
                    admin.deleteQueue(Topology.deadLetterQueue(queue));
                }
                admin.deleteQueue(CONTROL_QUEUE);
                for (String exchange : List.of(
                        TOPOLOGY.inboundExchange(),
                        TOPOLOGY.runsExchange(),
                        TOPOLOGY.runEventsExchange(),
                        TOPOLOGY.controlExchange(),
                        TOPOLOGY.outboundExchange(),
                        TOPOLOGY.deadLetterExchange())) {
                    admin.deleteExchange(exchange);
                }
            }
            if (connections != null) {
                connections.destroy();
            }
        }
    }

    // (a) + (b)
    @Test
    void firstTurnStreamsItsAnswerAndTheNextTurnResumesItsSession() throws Exception {
        long chat = 111;
        send(chat, USER, "1", "hi");

        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.provider()).isEqualTo("claude");
        assertThat(first.model()).isEqualTo("opus");
        assertThat(first.prompt()).isEqualTo("hi");
        assertThat(first.resumeSessionId()).isNull();
        assertThat(first.chat()).isEqualTo(chatRef(chat));
        StreamOpen open =
                awaitOutbound(chat, StreamOpen.class, o -> o.streamId().equals(first.runId()));
        assertThat(open.replyTo()).isEqualTo("1");

        runEvent(first.runId(), new RunStarted(first.runId(), "runner-1", 4242));
        runEvent(first.runId(), new RunOutput(first.runId(), 1, RunOutput.Kind.TEXT, "Hello"));
        runEvent(first.runId(), success(first.runId(), "Hello there", "sess-a"));

        awaitOutbound(
                chat,
                StreamAppend.class,
                a -> a.streamId().equals(first.runId()) && a.text().equals("Hello"));
        awaitOutbound(
                chat,
                StreamClose.class,
                c -> c.streamId().equals(first.runId()) && c.finalText().equals("Hello there"));
        JsonNode bucket = sessionsJson().get("tg:111").get("provider_sessions").get("claude");
        assertThat(bucket.get("session_id").asString()).isEqualTo("sess-a");
        assertThat(bucket.get("message_count").asInt()).isEqualTo(1);

        send(chat, USER, "2", "and now?");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.resumeSessionId()).isEqualTo("sess-a");
        assertThat(second.prompt()).isEqualTo("and now?");
        assertThat(second.runId()).isNotEqualTo(first.runId());
        runEvent(second.runId(), success(second.runId(), "done", "sess-a"));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(second.runId()));
    }

    // (c)
    @Test
    void aRedeliveredMessageRunsOnce() {
        long chat = 1002;
        InboundMessage message = inbound(chat, USER, "7", "do it once");
        bus.toOrchestrator(
                "tg",
                "main",
                message,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        bus.toOrchestrator(
                "tg",
                "main",
                message,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());

        RunRequest request = awaitRequests(chat, 1).get(0);
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> {
            drain();
            return requestsFor(chat).size() == 1;
        });

        runEvent(request.runId(), success(request.runId(), "ok", "sess-c"));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(request.runId()));
        assertThat(requestsFor(chat)).hasSize(1);
    }

    // (d)
    @Test
    void anUnauthorizedUserGetsNoRunAndNoReply() {
        long stranger = 999;
        send(stranger, stranger, "1", "hi");
        // The inbound queue is consumed in order: once a later message started, the stranger's was handled.
        long witness = 1006;
        send(witness, USER, "1", "after the stranger");
        RunRequest witnessRun = awaitRequests(witness, 1).get(0);

        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> {
            drain();
            return requestsFor(stranger).isEmpty() && outboundFor(stranger).isEmpty();
        });

        runEvent(witnessRun.runId(), success(witnessRun.runId(), "ok", "sess-d"));
        awaitOutbound(witness, StreamClose.class, c -> c.streamId().equals(witnessRun.runId()));
        assertThat(requestsFor(stranger)).isEmpty();
        assertThat(outboundFor(stranger)).isEmpty();
    }

    // (e)
    @Test
    void aMessageWhileATurnRunsWaitsForItsEnd() {
        long chat = 1003;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");

        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> {
            drain();
            return requestsFor(chat).size() == 1;
        });

        runEvent(first.runId(), success(first.runId(), "first done", "sess-e"));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("second");
        assertThat(second.resumeSessionId()).isEqualTo("sess-e");
        StreamOpen open =
                awaitOutbound(chat, StreamOpen.class, o -> o.streamId().equals(second.runId()));
        assertThat(open.replyTo()).isEqualTo("2");

        runEvent(second.runId(), success(second.runId(), "second done", "sess-e"));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(second.runId()));
    }

    // (f)
    @Test
    void aRunWhoseRunnerFallsSilentIsReportedInterruptedAndCancelled() {
        long chat = 1004;
        send(chat, USER, "1", "long job");
        RunRequest request = awaitRequests(chat, 1).get(0);
        runEvent(request.runId(), new RunStarted(request.runId(), "runner-1", 4243));

        SendText notice = awaitOutbound(chat, SendText.class, t -> t.text().contains("**Interrupted Task**"));
        assertThat(notice.text()).contains("`long job`");
        assertThat(notice.replyTo()).isEqualTo("1");
        awaitControl(request.runId(), CancelRun.Mode.STOP);

        // The chat is free again: the next message starts a turn.
        send(chat, USER, "2", "again");
        RunRequest next = awaitRequests(chat, 2).get(1);
        runEvent(next.runId(), success(next.runId(), "ok", null));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(next.runId()));
    }

    // (g)
    @Test
    void stopWhileRunningCancelsTheRunAndTellsTheChat() {
        long chat = 1005;
        send(chat, USER, "1", "work");
        RunRequest request = awaitRequests(chat, 1).get(0);
        runEvent(request.runId(), new RunStarted(request.runId(), "runner-1", 4244));

        send(chat, USER, "2", "stop");

        awaitControl(request.runId(), CancelRun.Mode.STOP);
        SendText stopped = awaitOutbound(chat, SendText.class, t -> t.text().contains("**Agent Stopped**"));
        assertThat(stopped.text()).contains("Claude terminated.");
        assertThat(stopped.replyTo()).isEqualTo("2");

        runEvent(
                request.runId(),
                new RunFinished(request.runId(), RunFinished.Outcome.STOPPED, "", null, 0, 0, 10, -15, null));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(request.runId()));
        assertThat(requestsFor(chat)).hasSize(1);
    }

    // --- gateway and runner side --------------------------------------------------------------------

    private static ChatRef chatRef(long chatId) {
        return new ChatRef("tg", "main", chatId, null);
    }

    private static InboundMessage inbound(long chatId, long userId, String messageId, String text) {
        return new InboundMessage(
                chatRef(chatId), "private", userId, "user" + userId, messageId, text, null, false, Instant.now());
    }

    private static void send(long chatId, long userId, String messageId, String text) {
        bus.toOrchestrator(
                "tg",
                "main",
                inbound(chatId, userId, messageId, text),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
    }

    private static void runEvent(String runId, Contract event) {
        bus.runEvent(runId, event, UUID.randomUUID().toString());
    }

    private static RunFinished success(String runId, String text, @Nullable String sessionId) {
        return new RunFinished(runId, RunFinished.Outcome.SUCCESS, text, sessionId, 0.01, 100, 1200, 0, null);
    }

    /**
     * Everything arrives through {@link #listeners} (the gateway queue is a single-active-consumer quorum
     * queue, which does not support basic.get); kept as the hook every wait polls.
     */
    private static void drain() {}

    private static void collect(Message message) {
        var properties = message.getMessageProperties();
        assertThat(properties.getHeaders()).containsKey("ductor-type");
        Object contract = CONVERTER.fromMessage(message);
        String queue = properties.getConsumerQueue();
        if (TOPOLOGY.runnerRequestsQueue().equals(queue)) {
            requests.add((RunRequest) contract);
        } else if (CONTROL_QUEUE.equals(queue)) {
            control.add(contract);
        } else {
            outbound.add(contract);
        }
    }

    private static List<RunRequest> requestsFor(long chatId) {
        return requests.stream().filter(r -> r.chat().chatId() == chatId).toList();
    }

    private static List<RunRequest> awaitRequests(long chatId, int count) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            drain();
                            return requestsFor(chatId);
                        },
                        list -> list.size() >= count);
    }

    private static @Nullable ChatRef chatOf(Object command) {
        return switch (command) {
            case SendText t -> t.chat();
            case StreamOpen o -> o.chat();
            case StreamAppend a -> a.chat();
            case StreamStatus s -> s.chat();
            case StreamClose c -> c.chat();
            case ChatAction a -> a.chat();
            default -> null;
        };
    }

    private static List<Object> outboundFor(long chatId) {
        return outbound.stream()
                .filter(o -> {
                    ChatRef chat = chatOf(o);
                    return chat == null || chat.chatId() == chatId;
                })
                .toList();
    }

    private static <T> T awaitOutbound(long chatId, Class<T> type, java.util.function.Predicate<T> match) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            drain();
                            return outboundFor(chatId).stream()
                                    .filter(type::isInstance)
                                    .map(type::cast)
                                    .filter(match)
                                    .findFirst()
                                    .orElse(null);
                        },
                        found -> found != null);
    }

    private static void awaitControl(String runId, CancelRun.Mode mode) {
        await().atMost(WAIT).until(() -> {
            drain();
            return control.stream()
                    .anyMatch(c ->
                            c instanceof CancelRun cancel && cancel.runId().equals(runId) && cancel.mode() == mode);
        });
    }

    private static JsonNode sessionsJson() throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(home.resolve("sessions.json")));
    }
}
