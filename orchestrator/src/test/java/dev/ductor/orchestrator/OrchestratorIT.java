package dev.ductor.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.bus.Topology;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.CancelAll;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.model.SyncCommands;
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
    private static final List<Integer> exits = new CopyOnWriteArrayList<>();

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
        // A /restart of the previous run of the service: this start answers it.
        Files.writeString(
                home.resolve("restart-sentinel.json"), "{\"chat_id\":2010,\"message\":\"Restart completed.\"}");
        Files.writeString(config, "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-1015,-1016]}");

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
                        "ductor.orchestrator.watchdog-interval", "200ms",
                        "ductor.config.reload-interval-ms", "200"))
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("processExit", (dev.ductor.lifecycle.ServiceExit) exits::add))
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
        answer(chat, second, "done", "sess-a");
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

        answer(chat, request, "ok", "sess-c");
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

        answer(witness, witnessRun, "ok", "sess-d");
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

        answer(chat, second, "second done", "sess-e");
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
        answer(chat, next, "ok", null);
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

    @Test
    void stopOfATurnNoRunnerHasStartedEndsItAndFreesTheChat() {
        long chat = 1006;
        send(chat, USER, "1", "waits for a runner");
        RunRequest queued = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "stop");

        awaitControl(queued.runId(), CancelRun.Mode.STOP);
        awaitOutbound(
                chat,
                StreamClose.class,
                c -> c.streamId().equals(queued.runId()) && c.finalText().isEmpty());
        awaitOutbound(chat, SendText.class, t -> t.text().contains("**Agent Stopped**"));

        send(chat, USER, "3", "next one");
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.prompt()).isEqualTo("next one");

        // A runner that takes the stopped request after all is told to stop when it reports the start.
        runEvent(queued.runId(), new RunStarted(queued.runId(), "runner-late", 4250));
        await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> control.stream()
                                .filter(c -> c instanceof CancelRun cancel
                                        && cancel.runId().equals(queued.runId()))
                                .count()
                        >= 2);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAloneNotTheMessagesWaitingInChatQueues() {
        long chat = 1007;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "waits behind the first");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]"));

        var properties = new org.springframework.amqp.core.MessageProperties();
        properties.setHeader(dev.ductor.bus.BusHeaders.TYPE, "SomethingFromANewerGateway");
        template.send(
                TOPOLOGY.inboundExchange(),
                "tg.main",
                new org.springframework.amqp.core.Message("{}".getBytes(), properties));
        await().atMost(WAIT)
                .until(() -> admin.getQueueInfo(Topology.deadLetterQueue(TOPOLOGY.orchestratorInboundQueue()))
                                .getMessageCount()
                        == 1);

        runEvent(first.runId(), success(first.runId(), "done", null));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("waits behind the first");
    }

    // scenario 39 (the orchestrator's side: what the RunRequest carries)
    @Test
    void aNewSessionGetsMainMemoryAsSystemPromptAndTheNextMessageResumesWithoutIt() throws Exception {
        Path memory = home.resolve("workspace/memory_system/MAINMEMORY.md");
        java.nio.file.Files.createDirectories(memory.getParent());
        java.nio.file.Files.writeString(memory, "# Main memory\nThe user prefers short answers.\n");
        try {
            mainMemoryGoesToNewSessionsOnly(1008);
        } finally {
            java.nio.file.Files.delete(memory);
        }
    }

    private void mainMemoryGoesToNewSessionsOnly(long chat) {
        send(chat, USER, "1", "hello");
        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.appendSystemPrompt()).contains("The user prefers short answers.");
        assertThat(first.resumeSessionId()).isNull();
        answer(chat, first, "hi", "sess-39");

        send(chat, USER, "2", "again");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.appendSystemPrompt()).isNull();
        assertThat(second.resumeSessionId()).isEqualTo("sess-39");
    }

    // scenarios 12 + 13
    @Test
    void aQueuedMessageShowsAnIndicatorThatCancelsItOrGoesAwayWhenItsTurnStarts() {
        long chat = 1010;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");
        send(chat, USER, "3", "third");

        SendText indicator = awaitOutbound(
                chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "2".equals(t.replyTo()));
        assertThat(indicator.buttons()).hasSize(1);
        assertThat(indicator.buttons().get(0).get(0).label()).isEqualTo("Cancel message");
        assertThat(indicator.buttons().get(0).get(0).data()).isEqualTo("mq:2");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "3".equals(t.replyTo()));

        press(chat, "cb-1010", "mq:2");
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals(indicator.outboundRef())
                        && e.text().contains("[Message cancelled.]")
                        && e.buttons().isEmpty());
        awaitOutbound(chat, AcknowledgePress.class, b -> b.callbackId().equals("cb-1010"));

        runEvent(first.runId(), success(first.runId(), "first done", "sess-q"));
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.prompt()).isEqualTo("third");
        awaitOutbound(chat, DeleteMessage.class, d -> d.outboundRef().equals("mq-tg:1010:3"));
        answer(chat, next, "third done", "sess-q");
        assertThat(requestsFor(chat)).hasSize(2);
    }

    // scenario 14
    @Test
    void stopDiscardsEveryQueuedMessage() {
        long chat = 1011;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");
        send(chat, USER, "3", "third");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "3".equals(t.replyTo()));

        send(chat, USER, "4", "/stop");

        awaitControl(first.runId(), CancelRun.Mode.STOP);
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals("mq-tg:1011:2") && e.text().contains("[Message discarded.]"));
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals("mq-tg:1011:3") && e.text().contains("[Message discarded.]"));
        awaitOutbound(chat, SendText.class, t -> t.text().contains("All queued messages discarded."));
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(first.runId()));
        await().during(Duration.ofMillis(1000))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 1);
    }

    // scenario 11
    @Test
    void interruptSignalsTheRunAndTheQueueGoesOn() {
        long chat = 1012;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");

        send(chat, USER, "3", "/interrupt");

        awaitControl(first.runId(), CancelRun.Mode.INTERRUPT);
        awaitOutbound(chat, SendText.class, t -> t.text().equals("Interrupted 1 process(es)."));
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.INTERRUPTED));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("second");
        answer(chat, second, "ok", null);
    }

    // scenario 10
    @Test
    void stopAllCancelsEveryRunOnEveryRunner() {
        long chat = 1013;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "Stop all");

        await().atMost(WAIT).until(() -> control.stream().anyMatch(CancelAll.class::isInstance));
        SendText reply = awaitOutbound(chat, SendText.class, t -> t.text().contains("across all agents."));
        assertThat(reply.text()).startsWith("Stopped ");
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(first.runId()));
    }

    // scenarios 16 + 17
    @Test
    void quickCommandsAnswerAtOnceAndAModelSwitchKillsTheTurn() throws Exception {
        long chat = 1014;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "/status");
        SendText status = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Status**"));
        assertThat(status.text()).contains("Model: opus", "Queue: 1 running, 0 waiting");
        send(chat, USER, "3", "/memory");
        awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Main Memory**"));
        send(chat, USER, "4", "/cron");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("No cron jobs configured."));

        send(chat, USER, "5", "/model sonnet");
        SendText switched = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Model switched.**"));
        assertThat(switched.text()).contains("Model: opus -> sonnet", "new model applies to the next message");
        awaitControl(first.runId(), CancelRun.Mode.STOP);
        assertThat(Files.readString(home.resolve("config/config.json"))).contains("\"sonnet\"");
        assertThat(outboundFor(chat))
                .noneMatch(o -> o instanceof SendText t && t.text().contains("[Message in queue...]"));

        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        send(chat, USER, "6", "next");
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.model()).isEqualTo("sonnet");
        answer(chat, next, "ok", null);

        send(chat, USER, "7", "/model opus");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("Model: sonnet -> opus"));
        send(chat, USER, "8", "/model opus");
        awaitOutbound(chat, SendText.class, t -> t.text().equals("Already running opus. No changes made."));
    }

    // scenario 48
    @Test
    void aModelSwitchInATopicChangesOnlyThatTopic() throws Exception {
        long group = -1015;
        var topic = new ChatRef("tg", "main", group, 7L);
        sendTo(topic, "supergroup", "1", "/model flash");
        awaitOutbound(group, SendText.class, t -> t.text().contains("Model: opus -> flash"));
        assertThat(Files.readString(home.resolve("config/config.json"))).doesNotContain("\"flash\"");

        sendTo(topic, "supergroup", "2", "hello topic");
        RunRequest request = awaitRequests(group, 1).get(0);
        assertThat(request.provider()).isEqualTo("gemini");
        assertThat(request.model()).isEqualTo("flash");
        answer(group, request, "ok", null);
    }

    // spec §5.2: a forum topic's name is kept as the session's topic_name and shown by /status
    @Test
    void aTopicsNameIsKeptOnItsSessionAndShownInStatus() throws Exception {
        long group = -1015;
        var topic = new ChatRef("tg", "main", group, 8L);
        sendTo(topic, "supergroup", "t8-1", "hello topic 8");
        RunRequest request = await().atMost(WAIT)
                .until(
                        () -> requestsFor(group).stream()
                                .filter(r -> Long.valueOf(8L).equals(r.chat().topicId()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        answer(group, request, "ok", null);

        bus.toOrchestrator(
                "tg",
                "main",
                new dev.ductor.model.TopicRenamed(topic, "Auth"),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        await().atMost(WAIT)
                .until(() -> sessionsJson()
                        .path("tg:-1015:8")
                        .path("topic_name")
                        .asString("")
                        .equals("Auth"));
        sendTo(topic, "supergroup", "t8-2", "/status");
        awaitOutbound(
                group,
                SendText.class,
                t -> t.text().startsWith("**Status**") && t.text().contains("Topic: Auth"));
    }

    // scenario 43
    @Test
    void aSessionThatCannotBeResumedIsRetriedOnceInAFreshSession() {
        long chat = 1016;
        send(chat, USER, "1", "one");
        RunRequest first = awaitRequests(chat, 1).get(0);
        runEvent(first.runId(), success(first.runId(), "ok", "sess-old"));
        send(chat, USER, "2", "two");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.resumeSessionId()).isEqualTo("sess-old");

        runEvent(second.runId(), error(second.runId(), 1, "bad_resume: No conversation found with session ID"));

        RunRequest retry = awaitRequests(chat, 3).get(2);
        assertThat(retry.resumeSessionId()).isNull();
        assertThat(retry.prompt()).isEqualTo("two");
        runEvent(retry.runId(), success(retry.runId(), "fresh answer", "sess-new"));
        StreamClose close =
                awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(retry.runId()));
        assertThat(close.finalText())
                .isEqualTo("_Previous session could not be restored. A new session was started automatically._"
                        + "\n\nfresh answer");
    }

    // scenario 42
    @Test
    void aKilledCliIsRetriedOnceThenTheUserIsAskedToSendAgain() {
        long chat = 1017;
        send(chat, USER, "1", "heavy");
        RunRequest first = awaitRequests(chat, 1).get(0);
        runEvent(first.runId(), error(first.runId(), -9, "killed: SIGKILL"));
        RunRequest retry = awaitRequests(chat, 2).get(1);
        assertThat(retry.prompt()).isEqualTo("heavy");
        StreamStatus recovering =
                awaitOutbound(chat, StreamStatus.class, s -> s.streamId().equals(retry.runId()));
        assertThat(recovering.kind()).isEqualTo("system");
        assertThat(recovering.label()).isEqualTo("recovering");
        runEvent(retry.runId(), error(retry.runId(), -9, "killed: SIGKILL"));

        StreamClose close =
                awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(retry.runId()));
        assertThat(close.finalText()).isEqualTo("Execution was interrupted. Please send the same request again.");
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 2);
    }

    // scenario 51
    @Test
    void anAtModelDirectiveRunsThisTurnOnThatModelAndTheChatKeepsIt() {
        long chat = 1018;
        send(chat, USER, "1", "@opus");
        awaitOutbound(chat, SendText.class, t -> t.text().startsWith("Next message will use: opus"));
        send(chat, USER, "2", "@sonnet explain X");
        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.model()).isEqualTo("sonnet");
        assertThat(first.prompt()).isEqualTo("explain X");
        runEvent(first.runId(), success(first.runId(), "ok", "sess-s"));
        send(chat, USER, "3", "and more");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.model()).isEqualTo("sonnet");
        answer(chat, second, "ok", "sess-s");
    }

    // --- gateway and runner side --------------------------------------------------------------------

    // scenario 3
    @Test
    void aMessageFromAGroupNotAllowedIsDroppedAndShownAsRejectedInWhere() throws Exception {
        ChatRef group = chatRef(-2003);
        sendTo(group, "supergroup", "1", "hello?");
        sendTo(group, "supergroup", "2", "anyone?");

        await().atMost(WAIT)
                .until(() -> chatActivity().path("-2003").path("rejected_count").asInt() == 2);
        assertThat(chatActivity().get("-2003").get("status").asString()).isEqualTo("rejected");
        assertThat(outboundFor(-2003)).isEmpty();
        assertThat(requestsFor(-2003)).isEmpty();

        send(2004, USER, "1", "/where");
        SendText where = awaitOutbound(2004, SendText.class, t -> t.text().startsWith("**Where**"));
        assertThat(where.text()).contains("**Rejected**\n`-2003` — untitled (supergroup) — 2x rejected");
    }

    // scenario 4
    @Test
    void addedToAGroupNotAllowedTheBotSaysSoLeavesAndRecordsAutoLeft() throws Exception {
        ChatRef group = chatRef(-2005);
        bus.toOrchestrator(
                "tg",
                "main",
                new ChatMembershipChanged(group, "group", "Strangers", "member", 999),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());

        awaitOutbound(-2005, SendText.class, t -> t.text().equals("This bot is not authorized for this group."));
        awaitOutbound(-2005, LeaveChat.class, l -> true);
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-2005").path("status").asString("").equals("auto_left"));
        assertThat(chatActivity().get("-2005").get("title").asString()).isEqualTo("Strangers");
    }

    // scenario 5
    @Test
    void aGroupRemovedFromTheAllowlistIsLeftAfterTheReload() throws Exception {
        ChatRef group = chatRef(-1016);
        bus.toOrchestrator(
                "tg",
                "main",
                new ChatMembershipChanged(group, "supergroup", "Team", "administrator", USER),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-1016").path("status").asString("").equals("active"));
        assertThat(outboundFor(-1016)).isEmpty();

        Path config = home.resolve("config/config.json");
        var json = (tools.jackson.databind.node.ObjectNode)
                JsonMapper.builder().build().readTree(Files.readString(config));
        json.putArray("allowed_group_ids").add(-1015);
        Files.writeString(config, json.toString());
        Files.setLastModifiedTime(
                config, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(1)));

        awaitOutbound(-1016, LeaveChat.class, l -> true);
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-1016").path("status").asString("").equals("auto_left"));
        assertThat(outboundFor(-1016)).noneMatch(SendText.class::isInstance);
    }

    // scenario 78, without ending the test JVM
    @Test
    void restartLeavesASentinelAndExitsAndTheNextStartAnswersIt() throws Exception {
        awaitOutbound(2010, SendText.class, t -> t.text().equals("Restart completed."));
        assertThat(home.resolve("restart-sentinel.json")).doesNotExist();

        send(2011, USER, "1", "/restart");
        awaitOutbound(2011, SendText.class, t -> t.text().startsWith("**Restarting**"));
        await().atMost(WAIT).until(() -> exits.contains(42));
        JsonNode sentinel =
                JsonMapper.builder().build().readTree(Files.readString(home.resolve("restart-sentinel.json")));
        assertThat(sentinel.get("chat_id").asLong()).isEqualTo(2011);
        assertThat(sentinel.get("message").asString()).isEqualTo("Restart completed.");
        Files.delete(home.resolve("restart-sentinel.json"));
    }

    // spec §2.6, §5.4
    @Test
    void resetDropsTheBucketOfTheProviderTheChatIsOnAndStaysOnIt() throws Exception {
        long chat = 2020;
        send(chat, USER, "1", "hi");
        RunRequest first = awaitRequests(chat, 1).get(0);
        answer(chat, first, "ok", "sess-claude");
        send(chat, USER, "2", "@flash hello");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.provider()).isEqualTo("gemini");
        answer(chat, second, "ok", "sess-gemini");

        send(chat, USER, "3", "/reset please");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("Session reset for Gemini in this chat only."));
        JsonNode session = sessionsJson().get("tg:2020");
        assertThat(session.get("provider").asString()).isEqualTo("gemini");
        assertThat(session.get("provider_sessions").has("gemini")).isFalse();
        assertThat(session.get("provider_sessions")
                        .get("claude")
                        .get("session_id")
                        .asString())
                .isEqualTo("sess-claude");

        send(chat, USER, "4", "again");
        RunRequest third = awaitRequests(chat, 3).get(2);
        assertThat(third.provider()).isEqualTo("gemini");
        assertThat(third.resumeSessionId()).isNull();
        answer(chat, third, "ok", "sess-gemini-2");
    }

    // spec §3.13: a button of the agent's answer is the user's next prompt, queued like a message
    @Test
    void anAnswerButtonsLabelIsTheNextPromptUnderTheChatsLock() {
        long chat = 2050;
        send(chat, USER, "1", "deploy?");
        RunRequest first = awaitRequests(chat, 1).get(0);

        press(chat, "cb-deploy", "stop"); // a label, not a stop word: it waits for the running turn
        awaitOutbound(chat, AcknowledgePress.class, a -> a.callbackId().equals("cb-deploy"));
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]"));
        assertThat(control)
                .noneMatch(c -> c instanceof CancelRun cancel && cancel.runId().equals(first.runId()));

        runEvent(first.runId(), success(first.runId(), "Deploy now? [button:stop]", "sess-btn"));
        RunRequest answer = awaitRequests(chat, 2).get(1);
        assertThat(answer.prompt()).isEqualTo("stop");
        assertThat(answer.resumeSessionId()).isEqualTo("sess-btn");
        answer(chat, answer, "stopped the deploy", "sess-btn");

        press(chat, "cb-deploy", "stop"); // the same press delivered again
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 2);
    }

    // spec §2.2: /start's welcome, and one of its quick-start buttons running its canned prompt
    @Test
    void theWelcomesButtonsRunTheirPromptAsTheUsersTurn() {
        long chat = 2060;
        send(chat, USER, "1", "/start");
        SendText welcome =
                awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Welcome to ductor.dev, user111!**"));
        assertThat(welcome.buttons())
                .flatExtracting(row -> row)
                .extracting(dev.ductor.model.Button::data)
                .containsExactly("w:1", "w:2", "w:3");
        assertThat(welcome.replyTo()).isEqualTo("1");

        press(chat, "cb-w2", "w:2");
        RunRequest request = awaitRequests(chat, 1).get(0);
        assertThat(request.prompt())
                .isEqualTo(dev.ductor.orchestrator.reply.Texts.english().t("welcome.prompt_system"));
        answer(chat, request, "A Debian box.", null);
    }

    // spec §2.12: the /model wizard, pressed through: provider, model, back, and the next turn's model
    @Test
    void theModelWizardSwitchesByButtons() {
        long chat = 2040;
        bus.runnerStatus(
                "runner-it",
                new dev.ductor.model.RunnerStatus(
                        "runner-it",
                        2,
                        List.of(),
                        List.of(
                                new dev.ductor.model.RunnerStatus.ProviderStatus("claude", true, true, "2.1.197"),
                                new dev.ductor.model.RunnerStatus.ProviderStatus("codex", true, true, "0.169.0"),
                                new dev.ductor.model.RunnerStatus.ProviderStatus("gemini", false, false, null)),
                        Instant.now()),
                UUID.randomUUID().toString());
        try {
            // The runner's report and the /model race; ask again until the wizard knows the logins.
            var asked = new java.util.concurrent.atomic.AtomicInteger();
            SendText selector = await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> {
                                List<SendText> selectors = outboundFor(chat).stream()
                                        .filter(SendText.class::isInstance)
                                        .map(SendText.class::cast)
                                        .filter(t -> t.text().startsWith("**Model Selector**"))
                                        .toList();
                                if (selectors.size() < asked.get()) {
                                    return null;
                                }
                                if (!selectors.isEmpty()
                                        && selectors.getLast().text().contains("Pick a provider:")) {
                                    return selectors.getLast();
                                }
                                send(chat, USER, "model-" + asked.incrementAndGet(), "/model");
                                return null;
                            },
                            t -> t != null);
            assertThat(selector.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::data)
                    .containsExactly("ms:p:claude", "ms:p:codex");

            press(chat, "cb-1", "ms:p:claude");
            EditText models = awaitOutbound(chat, EditText.class, e -> e.text().equals("Select Claude model:"));
            assertThat(models.outboundRef()).isEqualTo(selector.outboundRef());
            assertThat(models.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::data)
                    .containsExactly("ms:m:haiku", "ms:m:sonnet", "ms:m:opus", "ms:b:root");
            awaitOutbound(chat, AcknowledgePress.class, a -> a.callbackId().equals("cb-1"));

            press(chat, "cb-2", "ms:b:root");
            awaitOutbound(chat, EditText.class, e -> e.text().contains("Pick a provider:"));
            press(chat, "cb-3", "ms:p:codex");
            awaitOutbound(chat, EditText.class, e -> e.text().equals("No Codex models available."));
            press(chat, "cb-4", "ms:p:claude");
            press(chat, "cb-5", "ms:m:haiku");
            EditText switched =
                    awaitOutbound(chat, EditText.class, e -> e.text().startsWith("**Model switched.**"));
            assertThat(switched.text()).contains("-> haiku");
            assertThat(switched.buttons()).isEmpty();

            send(chat, USER, "next", "hello haiku");
            RunRequest request = awaitRequests(chat, 1).get(0);
            assertThat(request.model()).isEqualTo("haiku");
            answer(chat, request, "ok", null);
        } finally {
            send(chat, USER, "restore", "/model opus"); // the configured model the other scenarios expect
            awaitOutbound(chat, SendText.class, t -> t.text().contains("opus"));
        }
    }

    // scenario 76: texts and the command menu follow `language` in config.json, without a restart
    @Test
    void aLanguageChangeSwitchesTheTextsAndResyncsTheCommandMenu() throws Exception {
        var english = dev.ductor.orchestrator.i18n.Catalogue.load("en");
        var german = dev.ductor.orchestrator.i18n.Catalogue.load("de");
        assertThat(german.command("new")).isNotEqualTo(english.command("new"));
        awaitMenu(english.command("new"));
        try {
            setLanguage("de");
            var menu = awaitMenu(german.command("new"));
            assertThat(menu.commands())
                    .extracting(SyncCommands.BotCommand::command)
                    .containsExactly(
                            "new",
                            "reset",
                            "stop",
                            "interrupt",
                            "model",
                            "status",
                            "memory",
                            "cron",
                            "help",
                            "diagnose",
                            "restart",
                            "stop_all");
            assertThat(menu.commands())
                    .allSatisfy(c -> assertThat(c.description()).isEqualTo(german.command(c.command())));

            var texts = new dev.ductor.orchestrator.reply.Texts(dev.ductor.orchestrator.i18n.I18n.of("de"));
            send(2030, USER, "1", "/stop");
            awaitOutbound(2030, SendText.class, t -> t.text().equals(texts.agentStopped("claude", false)));
            assertThat(texts.agentStopped("claude", false))
                    .isNotEqualTo(dev.ductor.orchestrator.reply.Texts.english().agentStopped("claude", false));
            send(2030, USER, "2", "/help");
            awaitOutbound(2030, SendText.class, t -> t.text().contains("/new -- " + german.command("new")));
            send(2030, USER, "3", "/nonsense");
            awaitOutbound(
                    2030,
                    SendText.class,
                    t -> t.text().equals(texts.t("help.unknown_command", "command", "/nonsense")));
            assertThat(requestsFor(2030)).as("no command reached a CLI").isEmpty();
        } finally {
            setLanguage("en");
        }
        awaitMenu(english.command("new"));
    }

    private static void setLanguage(String language) throws Exception {
        Path config = home.resolve("config/config.json");
        var json = (tools.jackson.databind.node.ObjectNode)
                JsonMapper.builder().build().readTree(Files.readString(config));
        json.put("language", language);
        Files.writeString(config, json.toString());
        Files.setLastModifiedTime(
                config, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(1)));
    }

    /** The newest command menu sent to the gateway, once its /new description is {@code newDescription}. */
    private static SyncCommands awaitMenu(@Nullable String newDescription) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            List<SyncCommands> menus = outbound.stream()
                                    .filter(SyncCommands.class::isInstance)
                                    .map(SyncCommands.class::cast)
                                    .toList();
                            return menus.isEmpty() ? null : menus.getLast();
                        },
                        menu -> menu != null
                                && menu.commands().stream()
                                        .anyMatch(c -> c.command().equals("new")
                                                && c.description().equals(newDescription)));
    }

    /** The runner answers {@code request} successfully; waits until the chat's stream is closed. */
    private static void answer(long chatId, RunRequest request, String text, @Nullable String sessionId) {
        runEvent(request.runId(), success(request.runId(), text, sessionId));
        awaitOutbound(chatId, StreamClose.class, c -> c.streamId().equals(request.runId()));
    }

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

    private static void sendTo(ChatRef chat, String chatType, String messageId, String text) {
        bus.toOrchestrator(
                "tg",
                "main",
                new InboundMessage(chat, chatType, USER, "user", messageId, text, null, true, Instant.now()),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
    }

    private static void press(long chatId, String callbackId, String data) {
        bus.toOrchestrator(
                "tg",
                "main",
                new ButtonPressed(chatRef(chatId), "private", USER, callbackId, "99", data),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
    }

    private static RunFinished error(String runId, int exitCode, String error) {
        return new RunFinished(runId, RunFinished.Outcome.ERROR, "", null, 0, 0, 10, exitCode, error);
    }

    private static RunFinished finished(String runId, RunFinished.Outcome outcome) {
        return new RunFinished(runId, outcome, "", null, 0, 0, 10, -15, null);
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
            case EditText e -> e.chat();
            case DeleteMessage d -> d.chat();
            case AcknowledgePress b -> b.chat();
            case LeaveChat l -> l.chat();
            default -> null;
        };
    }

    private static List<Object> outboundFor(long chatId) {
        return outbound.stream()
                .filter(o -> {
                    ChatRef chat = chatOf(o);
                    return chat != null && chat.chatId() == chatId; // the command menu belongs to no chat
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

    private static JsonNode chatActivity() throws Exception {
        Path file = home.resolve("chat_activity.json");
        if (!Files.exists(file)) {
            return JsonMapper.builder().build().createObjectNode();
        }
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private static JsonNode sessionsJson() throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(home.resolve("sessions.json")));
    }
}
