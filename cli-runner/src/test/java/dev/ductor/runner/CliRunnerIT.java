package dev.ductor.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.Topology;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunHeartbeat;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.model.RunnerStatus;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The runner service against the real RabbitMQ, with a fake claude: a turn end to end, a stop, the DLQ. */
class CliRunnerIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final String NAMESPACE = TestBroker.newNamespace();
    private static final String EVENTS_QUEUE = NAMESPACE + ".it.run-events";

    @TempDir
    static Path tmp;

    private static ConfigurableApplicationContext context;
    private static final Topology topology = new Topology(NAMESPACE);
    private static FakeCli claude;
    private final List<Contract> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRunner() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve("config.json"), "{}");
        claude = FakeCli.in(tmp.resolve("bin")).named("claude");
        context = new SpringApplicationBuilder(CliRunnerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(new java.util.HashMap<String, Object>(BROKER.springProperties(NAMESPACE)))
                .run(
                        "--ductor.home=" + home,
                        "--ductor.runner.id=it-runner",
                        "--ductor.runner.slots=2",
                        "--ductor.runner.heartbeat-interval=200ms",
                        "--ductor.runner.status-interval=300ms",
                        "--ductor.runner.cli-dirs=" + tmp.resolve("bin"));
        AmqpAdmin admin = context.getBean(AmqpAdmin.class);
        var events = new Queue(EVENTS_QUEUE, false, false, false);
        admin.declareQueue(events);
        admin.declareBinding(BindingBuilder.bind(events)
                .to(new TopicExchange(topology.runEventsExchange()))
                .with("run.#"));
        admin.declareBinding(BindingBuilder.bind(events)
                .to(new TopicExchange(topology.runEventsExchange()))
                .with("runner.#"));
    }

    @AfterAll
    static void stopRunnerAndDeleteTopology() {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            BROKER.deleteNamespace(NAMESPACE, List.of("tg.main"), EVENTS_QUEUE);
        }
    }

    private static RunRequest request(String runId) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "main", 1, null),
                "claude",
                "opus",
                "",
                "bypassPermissions",
                "hello there",
                null,
                null,
                60,
                List.of(),
                null,
                null);
    }

    private <T extends Contract> T event(String runId, Class<T> type) {
        RabbitTemplate template = context.getBean(RabbitTemplate.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object next = template.receiveAndConvert(EVENTS_QUEUE, 200);
            if (next instanceof Contract contract) {
                received.add(contract);
            }
            return received.stream()
                    .anyMatch(e -> type.isInstance(e) && runIdOf(e).equals(runId));
        });
        return received.stream()
                .filter(e -> type.isInstance(e) && runIdOf(e).equals(runId))
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private static String runIdOf(Contract event) {
        return switch (event) {
            case RunStarted e -> e.runId();
            case RunOutput e -> e.runId();
            case RunHeartbeat e -> e.runId();
            case RunFinished e -> e.runId();
            default -> "";
        };
    }

    @Test
    void runsATurnFromTheQueueAndStreamsItsEvents() {
        claude.respond(Response.sample("claude-hello.stream-json.jsonl")).install();
        String runId = "it-hello-" + UUID.randomUUID();

        context.getBean(Bus.class).toRunners(request(runId), runId);

        RunFinished finished = event(runId, RunFinished.class);
        assertThat(finished.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).isEqualTo("Hello from fake anthropic. You said: hello there");
        assertThat(finished.sessionId()).isEqualTo("04f42236-9b6b-4e1a-b43d-b3728c0def06");
        assertThat(event(runId, RunStarted.class).runnerId()).isEqualTo("it-runner");
        assertThat(event(runId, RunOutput.class).text()).isEqualTo("Hello from fake anthropic. You said: hello there");
        String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
        assertThat(scrape)
                .contains("ductor_runs_started_total{", "ductor_runs_finished_total{")
                .contains("ductor_run_duration_seconds", "ductor_run_first_output_seconds")
                .contains("ductor_runner_active_runs", "ductor_runner_free_slots");
    }

    @Test
    void aCancelRunOnTheControlExchangeStopsAHangingTurn() {
        claude.respond(Response.lines(
                                FakeCli.sample("claude-hello.stream-json.jsonl").getFirst())
                        .hangs())
                .install();
        String runId = "it-stop-" + UUID.randomUUID();
        Bus bus = context.getBean(Bus.class);
        bus.toRunners(request(runId), runId);
        event(runId, RunStarted.class);
        event(runId, RunHeartbeat.class);

        bus.control(new CancelRun(runId, CancelRun.Mode.STOP), runId);

        RunFinished finished = event(runId, RunFinished.class);
        assertThat(finished.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(finished.sessionId()).isEqualTo("04f42236-9b6b-4e1a-b43d-b3728c0def06");
    }

    @Test
    void theRunnerReportsItsStatusOnRunnerItsId() {
        claude.respond(Response.sample("claude-hello.stream-json.jsonl")).install();

        RabbitTemplate template = context.getBean(RabbitTemplate.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (template.receiveAndConvert(EVENTS_QUEUE, 200) instanceof RunnerStatus status) {
                received.add(status);
            }
            return received.stream().anyMatch(e -> e instanceof RunnerStatus s && claudeInstalled(s));
        });
        RunnerStatus status = received.stream()
                .filter(e -> e instanceof RunnerStatus s && claudeInstalled(s))
                .map(RunnerStatus.class::cast)
                .findFirst()
                .orElseThrow();

        assertThat(status.runnerId()).isEqualTo("it-runner");
        assertThat(status.slots()).isEqualTo(2);
        assertThat(status.providers())
                .extracting(RunnerStatus.ProviderStatus::provider)
                .containsExactlyInAnyOrder("claude", "codex", "gemini");
    }

    private static boolean claudeInstalled(RunnerStatus status) {
        return status.providers().stream().anyMatch(p -> p.provider().equals("claude") && p.installed());
    }

    @Test
    void anUndecodableRequestGoesToTheDeadLetterQueue() {
        RabbitTemplate template = context.getBean(RabbitTemplate.class);
        var poison = MessageBuilder.withBody("{not json".getBytes(StandardCharsets.UTF_8))
                .setHeader(BusHeaders.TYPE, "RunRequest")
                .build();

        template.send(topology.runsExchange(), Topology.RUN_ROUTING_KEY, poison);

        String dlq = Topology.deadLetterQueue(topology.runnerRequestsQueue());
        await().atMost(Duration.ofSeconds(20)).until(() -> template.receive(dlq, 200) != null);
    }
}
