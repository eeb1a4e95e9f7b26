package dev.ductor.gateway.matrix.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.agents.AgentStatus;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.gateway.matrix.MatrixGatewayApplication;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.InboundMessage;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.matrix.FakeHomeserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * behaviour §5.8: the Matrix gateway of a main agent that is on Telegram only logs in nowhere for it and still
 * serves the Matrix sub-agents of {@code agents.json}, each with its own account, and applies
 * {@link ControlAgent} to them. Against a real RabbitMQ and the {@link FakeHomeserver}.
 */
class MatrixSubAgentsOnlyIT {

    private static final TestBroker BROKER = TestBroker.get();

    @TempDir
    Path home;

    private final String namespace = TestBroker.newNamespace();
    private final FakeHomeserver hs = FakeHomeserver.start();
    /** The sub-agent's context reads the broker and the namespace as a service would, from its environment. */
    private final Map<String, String> systemProperties = new HashMap<>(BROKER.springProperties(namespace));

    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        hs.close();
        systemProperties.keySet().forEach(System::clearProperty);
        Topology helper = new Topology(namespace, "helper");
        BROKER.deleteNamespace(
                namespace,
                List.of("mx.main", "mx.helper"),
                helper.orchestratorInboundQueue(),
                Topology.deadLetterQueue(helper.orchestratorInboundQueue()),
                helper.orchestratorRunEventsQueue(),
                Topology.deadLetterQueue(helper.orchestratorRunEventsQueue()));
    }

    @Test
    void aMainAgentWithoutAMatrixAccountServesItsMatrixSubAgents() throws Exception {
        String helperBot = hs.registerUser("helper", "helper-password");
        String alice = hs.registerUser("alice", "a");
        String room = hs.createRoom(alice, null, false);
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.json"), "{\"telegram_token\": \"1:main\"}");
        Files.writeString(home.resolve("agents.json"), """
                [{"name": "helper", "transport": "matrix",
                  "matrix": {"homeserver": "%s", "user_id": "%s", "password": "helper-password",
                             "allowed_rooms": ["%s"], "allowed_users": ["%s"]}}]
                """.formatted(hs.baseUrl(), helperBot, room, alice));
        systemProperties.put("ductor.matrix.sync-timeout", "1s");
        systemProperties.put("ductor.config.reload-interval-ms", "200");
        systemProperties.forEach(System::setProperty);

        context = new SpringApplicationBuilder(MatrixGatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ductor.home=" + home, "ductor.agent=main")
                .run();

        assertThat(context.getBeanProvider(MatrixPort.class).getIfAvailable()).isNull(); // no account of main's
        hs.invite(room, alice, helperBot);
        await().atMost(Duration.ofSeconds(30)).until(() -> "join".equals(hs.membership(room, helperBot)));
        assertThat(home.resolve("agents/helper/matrix_store/credentials.json")).exists();
        assertThat(home.resolve("matrix_store")).doesNotExist();

        hs.userSends(room, alice, "hello helper");
        RabbitTemplate rabbit = context.getBean(RabbitTemplate.class);
        String queue = new Topology(namespace, "helper").orchestratorInboundQueue();
        // a consumer: the quorum queue takes no basic.get. The sub-agent's context declares its queues on its first
        // connection, so a consume can land while the broker is still starting the queue (RabbitMQ 3.10 then
        // closes the connection with INTERNAL_ERROR): ask again until the message is there.
        var received = new AtomicReference<Message>();
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(AmqpException.class)
                .until(() -> {
                    received.compareAndSet(null, rabbit.receive(queue, 2_000));
                    return received.get() != null;
                });
        Message delivered = received.get();
        assertThat(delivered).as("the sub-agent's message for its orchestrator").isNotNull();
        var inbound = (InboundMessage) context.getBean(MessageConverter.class).fromMessage(delivered);
        assertThat(inbound.text()).isEqualTo("hello helper");
        assertThat(inbound.chat().transport()).isEqualTo("mx");
        assertThat(inbound.chat().agent()).isEqualTo("helper");
        assertThat(delivered.getMessageProperties().getReceivedRoutingKey()).isEqualTo("mx.helper");

        // the main orchestrator's /agent_stop reaches this gateway on the control fanout
        context.getBean(Bus.class).control(new ControlAgent("helper", ControlAgent.Action.STOP), "agent-stop");
        SubAgentContexts agents = context.getBean(SubAgentContexts.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(agents).equals("stopped"));
        context.getBean(Bus.class).control(new ControlAgent("helper", ControlAgent.Action.START), "agent-start");
        await().atMost(Duration.ofSeconds(30)).until(() -> state(agents).equals("running"));
    }

    private static String state(SubAgentContexts agents) {
        AgentStatus status = agents.statuses().get("helper");
        return status == null ? "" : status.state();
    }
}
