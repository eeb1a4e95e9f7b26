package dev.ductor.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.bus.Topology;
import dev.ductor.lifecycle.ServiceExit;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.testkit.broker.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The orchestrator against a real RabbitMQ ({@link TestBroker}, in a namespace of its own), with the
 * tests playing the Telegram gateway (publishing InboundMessages, reading outbound commands) and a runner
 * (reading RunRequests, publishing run events). One orchestrator serves every {@code *IT} of this package
 * that is annotated {@code @ExtendWith(StartedOrchestrator.class)}: started for the first, closed after
 * the last, so splitting the scenarios by feature costs no extra start. Every scenario uses its own chat,
 * so the shared queues never mix their assertions; one that changes the configuration puts it back.
 *
 * <p>The tests import the helpers statically: {@code send(chat, USER, "1", "hi")}, {@code awaitRequests},
 * {@code runEvent}, {@code answer}, {@code awaitOutbound}, {@code awaitControl}, ….
 */
final class OrchestratorHarness {

    static final long USER = 111;
    static final Duration WAIT = Duration.ofSeconds(15);

    private static final ContractMessageConverter CONVERTER = new ContractMessageConverter(ContractJson.mapper());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<RunRequest> requests = new CopyOnWriteArrayList<>();
    private static final List<Object> outbound = new CopyOnWriteArrayList<>();
    private static final List<Object> control = new CopyOnWriteArrayList<>();
    private static final List<Integer> exits = new CopyOnWriteArrayList<>();

    private static final TestBroker broker = TestBroker.get();
    private static final String namespace = TestBroker.newNamespace();
    private static final Topology topology = new Topology(namespace);
    private static final String controlQueue = namespace + ".test.control";

    private static @Nullable Path home;
    private static @Nullable ConfigurableApplicationContext app;
    private static @Nullable CachingConnectionFactory connections;
    private static @Nullable RabbitTemplate template;
    private static @Nullable RabbitAdmin admin;
    private static @Nullable Bus bus;
    private static @Nullable SimpleMessageListenerContainer listeners;

    private OrchestratorHarness() {}

    /** Starts the orchestrator and the test's gateway and runner; closing it stops them and deletes the namespace. */
    static AutoCloseable start() throws IOException {
        try {
            startParts();
        } catch (IOException | RuntimeException e) {
            try {
                stop();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return OrchestratorHarness::stop;
    }

    private static void startParts() throws IOException {
        Path dir = Files.createTempDirectory("orchestrator-it");
        home = dir;
        Path config = dir.resolve("config/config.json");
        Files.createDirectories(config.getParent());
        // A /restart of the previous run of the service: this start answers it.
        Files.writeString(
                dir.resolve("restart-sentinel.json"), "{\"chat_id\":2010,\"message\":\"Restart completed.\"}");
        Files.writeString(config, "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-1015,-1016]}");

        System.out.println("Orchestrator ITs' bus namespace: " + namespace);
        CachingConnectionFactory factory = new CachingConnectionFactory(broker.host(), broker.port());
        connections = factory;
        Map<String, String> brokerProperties = broker.springProperties(namespace);
        factory.setUsername(brokerProperties.get("spring.rabbitmq.username"));
        factory.setPassword(brokerProperties.get("spring.rabbitmq.password"));
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        RabbitTemplate rabbit = new RabbitTemplate(factory);
        rabbit.setMessageConverter(CONVERTER);
        template = rabbit;
        RabbitAdmin rabbitAdmin = new RabbitAdmin(factory);
        admin = rabbitAdmin;
        var properties = new HashMap<String, Object>(brokerProperties);
        properties.putAll(Map.of(
                "ductor.home", dir.toString(),
                "ductor.orchestrator.run-lost-after", "3s",
                "ductor.orchestrator.watchdog-interval", "200ms",
                "ductor.config.reload-interval-ms", "200"));
        app = new SpringApplicationBuilder(OrchestratorApplication.class)
                .properties(properties)
                .initializers(
                        context -> context.getBeanFactory().registerSingleton("processExit", (ServiceExit) exits::add))
                // On the command line: default properties yield to application.yml's port, which may be taken.
                .run("--server.port=0");

        rabbitAdmin.declareQueue(new Queue(controlQueue, false, false, false));
        rabbitAdmin.declareBinding(
                new Binding(controlQueue, Binding.DestinationType.QUEUE, topology.controlExchange(), "", null));
        bus = new Bus(rabbit, topology, new BusProperties(namespace, true, 5, Duration.ofSeconds(10)));

        var container = new SimpleMessageListenerContainer(factory);
        container.setQueueNames(
                topology.runnerRequestsQueue(), topology.gatewayOutboundQueue("tg", "main"), controlQueue);
        container.setMessageListener(OrchestratorHarness::collect);
        container.start();
        listeners = container;
    }

    private static void stop() throws IOException {
        try {
            if (listeners != null) {
                listeners.stop();
            }
            if (app != null) {
                app.close();
            }
        } finally {
            broker.deleteNamespace(namespace, List.of("tg.main"), controlQueue);
            if (connections != null) {
                connections.destroy();
            }
            if (home != null) {
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    // --- what the tests reach -----------------------------------------------------------------------

    /** The orchestrator's DUCTOR_HOME. */
    static Path home() {
        return started(home);
    }

    static Topology topology() {
        return topology;
    }

    static Bus bus() {
        return started(bus);
    }

    static RabbitTemplate template() {
        return started(template);
    }

    static RabbitAdmin admin() {
        return started(admin);
    }

    /** Every command the orchestrator sent on the control exchange (CancelRun, CancelAll, …). */
    static List<Object> control() {
        return control;
    }

    /** Every command the orchestrator sent to the gateway, in arrival order. */
    static List<Object> outbound() {
        return outbound;
    }

    /** The exit codes the orchestrator asked for (instead of ending the test JVM). */
    static List<Integer> exits() {
        return exits;
    }

    private static <T> T started(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException(
                    "The orchestrator harness is not started: @ExtendWith(StartedOrchestrator.class)");
        }
        return part;
    }

    /**
     * Changes {@code config.json} as a user would; the file's time is set a second ahead, so the reload
     * sees a change even within the file system's time resolution.
     */
    static void editConfig(Consumer<ObjectNode> change) {
        Path config = home().resolve("config/config.json");
        try {
            var json = (ObjectNode) JSON.readTree(Files.readString(config));
            change.accept(json);
            Files.writeString(config, json.toString());
            Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusSeconds(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the gateway's and the runner's side ----------------------------------------------------------

    /** The runner answers {@code request} successfully; waits until the chat's stream is closed. */
    static void answer(long chatId, RunRequest request, String text, @Nullable String sessionId) {
        runEvent(request.runId(), success(request.runId(), text, sessionId));
        awaitOutbound(chatId, StreamClose.class, c -> c.streamId().equals(request.runId()));
    }

    static ChatRef chatRef(long chatId) {
        return new ChatRef("tg", "main", chatId, null);
    }

    static InboundMessage inbound(long chatId, long userId, String messageId, String text) {
        return new InboundMessage(
                chatRef(chatId), "private", userId, "user" + userId, messageId, text, null, false, Instant.now());
    }

    static void send(long chatId, long userId, String messageId, String text) {
        bus().toOrchestrator(
                        "tg",
                        "main",
                        inbound(chatId, userId, messageId, text),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
    }

    static void sendTo(ChatRef chat, String chatType, String messageId, String text) {
        bus().toOrchestrator(
                        "tg",
                        "main",
                        new InboundMessage(chat, chatType, USER, "user", messageId, text, null, true, Instant.now()),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
    }

    static void press(long chatId, String callbackId, String data) {
        bus().toOrchestrator(
                        "tg",
                        "main",
                        new ButtonPressed(chatRef(chatId), "private", USER, callbackId, "99", data),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
    }

    static RunFinished error(String runId, int exitCode, String error) {
        return new RunFinished(runId, RunFinished.Outcome.ERROR, "", null, 0, 0, 10, exitCode, error);
    }

    static RunFinished finished(String runId, RunFinished.Outcome outcome) {
        return new RunFinished(runId, outcome, "", null, 0, 0, 10, -15, null);
    }

    static void runEvent(String runId, Contract event) {
        bus().runEvent(runId, event, UUID.randomUUID().toString());
    }

    static RunFinished success(String runId, String text, @Nullable String sessionId) {
        return new RunFinished(runId, RunFinished.Outcome.SUCCESS, text, sessionId, 0.01, 100, 1200, 0, null);
    }

    private static void collect(Message message) {
        var properties = message.getMessageProperties();
        assertThat(properties.getHeaders()).containsKey("ductor-type");
        Object contract = CONVERTER.fromMessage(message);
        String queue = properties.getConsumerQueue();
        if (topology.runnerRequestsQueue().equals(queue)) {
            requests.add((RunRequest) contract);
        } else if (controlQueue.equals(queue)) {
            control.add(contract);
        } else {
            outbound.add(contract);
        }
    }

    static List<RunRequest> requestsFor(long chatId) {
        return requests.stream().filter(r -> r.chat().chatId() == chatId).toList();
    }

    static List<RunRequest> awaitRequests(long chatId, int count) {
        return await().atMost(WAIT).until(() -> requestsFor(chatId), list -> list.size() >= count);
    }

    private static @Nullable ChatRef chatOf(Object command) {
        return switch (command) {
            case SendText t -> t.chat();
            case StreamOpen o -> o.chat();
            case StreamAppend a -> a.chat();
            case StreamStatus s -> s.chat();
            case StreamClose c -> c.chat();
            case ChatAction a -> a.chat();
            case EditText e -> e.chat();
            case DeleteMessage d -> d.chat();
            case AcknowledgePress b -> b.chat();
            case LeaveChat l -> l.chat();
            default -> null;
        };
    }

    static List<Object> outboundFor(long chatId) {
        return outbound.stream()
                .filter(o -> {
                    ChatRef chat = chatOf(o);
                    return chat != null && chat.chatId() == chatId; // the command menu belongs to no chat
                })
                .toList();
    }

    static <T> T awaitOutbound(long chatId, Class<T> type, Predicate<T> match) {
        return await().atMost(WAIT)
                .until(
                        () -> outboundFor(chatId).stream()
                                .filter(type::isInstance)
                                .map(type::cast)
                                .filter(match)
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
    }

    static void awaitControl(String runId, CancelRun.Mode mode) {
        await().atMost(WAIT)
                .until(() -> control.stream()
                        .anyMatch(c -> c instanceof CancelRun cancel
                                && cancel.runId().equals(runId)
                                && cancel.mode() == mode));
    }

    static JsonNode chatActivity() throws Exception {
        Path file = home().resolve("chat_activity.json");
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(Files.readString(file));
    }

    static JsonNode sessionsJson() throws Exception {
        return JSON.readTree(Files.readString(home().resolve("sessions.json")));
    }
}
