package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ductor.bus.BusAutoConfiguration;
import dev.ductor.testkit.broker.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The broker definitions compose loads at boot ({@code deploy/rabbitmq/definitions.template.json}, rendered by
 * {@code deploy/rabbitmq/start.sh}) hold the bus topology of docs/design.md, "Bus", and give each service a
 * user allowed only what it publishes and consumes ("Trust boundaries"): imported here into a vhost of their
 * own on the test broker ({@link BrokerDefinitions}), then probed over AMQP as each user. A sub-agent's queues
 * are not in them: the orchestrator's context of that agent declares them as its own user ("Sub-agents").
 * Skipped, saying so, without a {@code rabbitmqctl} that can reach the test broker.
 */
class BrokerPermissionsIT {

    /** What each service publishes to (exchanges) and consumes from (queues): design.md, "Bus". */
    private static final Map<String, Set<String>> PUBLISHES = Map.of(
            "gateway-telegram", Set.of("ductor.inbound"),
            "gateway-matrix", Set.of("ductor.inbound"),
            "gateway-api", Set.of("ductor.inbound"),
            "scheduler", Set.of("ductor.inbound"),
            // ductor.dlx: declaring a queue that dead-letters there takes write on it (a sub-agent's queues)
            // ductor.inbound: an async inter-agent answer to the asking agent; ductor.replies: a sync one's
            "orchestrator",
                    Set.of(
                            "ductor.runs",
                            "ductor.control",
                            "ductor.outbound",
                            "ductor.dlx",
                            "ductor.inbound",
                            "ductor.replies"),
            "cli-runner", Set.of("ductor.run-events"));

    private static final Map<String, Set<String>> CONSUMES = Map.of(
            "gateway-telegram", Set.of("gateway.tg.main.outbound"),
            "gateway-matrix", Set.of("gateway.mx.main.outbound"),
            "gateway-api", Set.of("gateway.api.main.outbound"),
            "scheduler", Set.of(),
            "orchestrator", Set.of("orchestrator.inbound", "orchestrator.run-events"),
            "cli-runner", Set.of("runner.requests"));

    private static final List<String> EXCHANGES = List.of(
            "ductor.inbound",
            "ductor.runs",
            "ductor.run-events",
            "ductor.control",
            "ductor.outbound",
            "ductor.dlx",
            "ductor.replies");

    private static final List<String> QUEUES = List.of(
            "orchestrator.inbound",
            "orchestrator.run-events",
            "runner.requests",
            "gateway.tg.main.outbound",
            "gateway.mx.main.outbound",
            "gateway.api.main.outbound");

    /**
     * The exchanges the orchestrator binds a sub-agent's queues to (its own consumes all it receives; it
     * publishes what it sends): it sees every message of them anyway. Never {@code ductor.runs}.
     */
    private static final Set<String> ORCHESTRATOR_BINDS =
            Set.of("ductor.inbound", "ductor.run-events", "ductor.outbound", "ductor.dlx");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Where the services' code declares its topology, to compare with the definitions. */
    private static final String CODE_VHOST = "ductor-declared-" + RUN;
    /** A sub-agent of agents.json (behaviour §5.8): its queues are named after it. */
    private static final String AGENT = "helper-" + RUN;

    private static BrokerDefinitions definitions;
    private static Tool rabbitmqctl;
    private static TestBroker broker;
    private static String vhost;

    @BeforeAll
    static void importTheDefinitions() {
        broker = TestBroker.get();
        definitions = BrokerDefinitions.imported(RUN);
        rabbitmqctl = definitions.rabbitmqctl();
        vhost = definitions.vhost();
    }

    @AfterAll
    static void deleteTheVhostsAndUsers() throws Exception {
        if (definitions == null) {
            return;
        }
        rabbitmqctl.run("delete_vhost", CODE_VHOST);
        definitions.close();
    }

    @Test
    void theDefinitionsHoldExactlyTheTopologyTheServicesDeclare() throws Exception {
        rabbitmqctl.succeed("add_vhost", CODE_VHOST);
        rabbitmqctl.succeed("set_permissions", "-p", CODE_VHOST, admin(), ".*", ".*", ".*");
        // as the services declare it: the Telegram gateway and orchestrator with tg.main, the Matrix gateway
        // with its own mx.main, the API gateway with api.main (compose runs them all)
        for (String gateway : List.of("tg.main", "mx.main", "api.main")) {
            declare(CODE_VHOST, admin(), "ductor.bus.gateways=" + gateway);
        }

        for (String[] listing : new String[][] {
            {"list_exchanges", "name", "type", "durable", "auto_delete", "internal", "arguments"},
            {"list_queues", "name", "durable", "auto_delete", "arguments"},
            {"list_bindings", "source_name", "destination_name", "destination_kind", "routing_key", "arguments"}
        }) {
            assertThat(listing(listing, vhost, line -> true))
                    .as(listing[0])
                    .isEqualTo(listing(listing, CODE_VHOST, line -> true));
        }
    }

    @Test
    void theGatewayCannotPublishARunRequest() throws Exception {
        try (Connection gateway = connect("gateway-telegram")) {
            Channel channel = gateway.createChannel();
            channel.confirmSelect();
            channel.basicPublish("ductor.runs", "run", null, "{}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> channel.waitForConfirmsOrDie(5_000))
                    .isInstanceOf(ShutdownSignalException.class)
                    .hasMessageContaining("ACCESS_REFUSED");
        }
        assertThat(lines("list_queues", "-p", vhost, "name", "messages")).contains("runner.requests\t0");
    }

    @Test
    void eachServicePublishesOnlyWhereTheBusTableSays() throws Exception {
        assertAllowedExactly(PUBLISHES, EXCHANGES, "publishes to", (channel, exchange) -> {
            channel.confirmSelect();
            // a routing key nothing is bound to: the permission is checked, nothing is delivered
            channel.basicPublish(exchange, "probe." + RUN, null, new byte[0]);
            channel.waitForConfirmsOrDie(5_000);
        });
    }

    @Test
    void eachServiceConsumesOnlyItsQueuesAndNoDeadLetters() throws Exception {
        List<String> queuesAndDeadLetters = QUEUES.stream()
                .flatMap(queue -> Stream.of(queue, queue + ".dlq"))
                .toList();
        assertAllowedExactly(CONSUMES, queuesAndDeadLetters, "consumes", (channel, queue) -> {
            String tag = channel.basicConsume(queue, false, (t, m) -> {}, t -> {});
            channel.basicCancel(tag);
        });
    }

    @Test
    void theSchedulersWatchdogSeesTheDepthAndConsumersOfEveryQueueItWatches() throws Exception {
        // docs/design.md, "Watchdog": passive declares only, which create nothing and read no message
        try (Connection connection = connect("scheduler")) {
            for (String queue : QUEUES) {
                assertThat(succeeds(connection, channel -> channel.queueDeclarePassive(queue)))
                        .as("scheduler looks at " + queue)
                        .isTrue();
            }
        }
    }

    /** As each service, tries the work on each name: allowed exactly for the names {@code allowed} lists. */
    private static void assertAllowedExactly(
            Map<String, Set<String>> allowed, List<String> names, String what, NamedWork work) throws Exception {
        for (String service : allowed.keySet()) {
            try (Connection connection = connect(service)) {
                for (String name : names) {
                    assertThat(succeeds(connection, channel -> work.run(channel, name)))
                            .as(service + " " + what + " " + name)
                            .isEqualTo(allowed.get(service).contains(name));
                }
            }
        }
    }

    private interface NamedWork {
        void run(Channel channel, String name) throws Exception;
    }

    @Test
    void eachServiceDeclaresAndBindsItsOwnControlQueuesAndNothingShared() throws Exception {
        for (String service : PUBLISHES.keySet()) {
            try (Connection connection = connect(service)) {
                List<String> own = new ArrayList<>(List.of(service + ".restart." + UUID.randomUUID()));
                if (service.equals("cli-runner")) {
                    own.add("runner.control." + UUID.randomUUID());
                }
                for (String queue : own) {
                    assertThat(succeeds(connection, channel -> {
                                channel.queueDeclare(queue, false, true, true, null);
                                channel.queueBind(queue, "ductor.control", "");
                            }))
                            .as(service + " declares and binds " + queue)
                            .isTrue();
                    for (String exchange : List.of(
                            "ductor.inbound", "ductor.runs", "ductor.outbound", "ductor.run-events", "ductor.dlx")) {
                        assertThat(succeeds(connection, channel -> {
                                    channel.queueDeclare(queue, false, true, true, null);
                                    channel.queueBind(queue, exchange, "#");
                                }))
                                .as(service + " taps " + exchange)
                                .isEqualTo(ORCHESTRATOR_BINDS.contains(exchange) && service.equals("orchestrator"));
                    }
                }
                // the scheduler's leader lease: an exclusive queue held by the one active scheduler
                assertThat(succeeds(
                                connection,
                                channel -> channel.queueDeclare("scheduler.leader", false, true, true, null)))
                        .as(service + " takes the scheduler lease")
                        .isEqualTo(service.equals("scheduler"));
                // the scheduler's reply queue of ask_agent (behaviour §5.8), exclusive to its connection
                assertThat(succeeds(connection, channel -> {
                            String replies = "scheduler.replies." + UUID.randomUUID();
                            channel.queueDeclare(replies, false, true, true, null);
                            channel.queueBind(replies, "ductor.replies", replies);
                            channel.basicCancel(channel.basicConsume(replies, true, (tag, delivery) -> {}, tag -> {}));
                        }))
                        .as(service + " declares, binds to ductor.replies and reads a scheduler reply queue")
                        .isEqualTo(service.equals("scheduler"));
                for (String shared : QUEUES) {
                    assertThat(succeeds(connection, channel -> channel.queueDelete(shared)))
                            .as(service + " deletes " + shared)
                            .isFalse();
                }
                assertThat(succeeds(connection, channel -> channel.exchangeDelete("ductor.control")))
                        .as(service + " deletes ductor.control")
                        .isFalse();
            }
        }
    }

    @Test
    void aSubAgentsOrchestratorContextDeclaresItsOwnQueuesAsTheOrchestratorAndNoOneElseCan() throws Exception {
        String agentVhost = CODE_VHOST + "-" + AGENT;
        rabbitmqctl.succeed("add_vhost", agentVhost);
        try {
            rabbitmqctl.succeed("set_permissions", "-p", agentVhost, admin(), ".*", ".*", ".*");
            // where the service declares the whole topology (bare metal): the agent's queues as they should be
            declare(agentVhost, admin(), "ductor.agent=" + AGENT, "ductor.bus.gateways=tg." + AGENT);
            // as compose's orchestrator: its own user, the topology loaded from the definitions
            declare(
                    vhost,
                    definitions.user("orchestrator"),
                    "ductor.agent=" + AGENT,
                    "ductor.bus.gateways=tg." + AGENT,
                    "ductor.bus.declare-topology=false",
                    "ductor.bus.declare-agent-queues=true");

            Predicate<String> agents = line -> line.contains(AGENT);
            for (String[] listing : new String[][] {
                {"list_queues", "name", "durable", "auto_delete", "arguments"},
                {"list_bindings", "source_name", "destination_name", "destination_kind", "routing_key", "arguments"}
            }) {
                assertThat(listing(listing, vhost, agents))
                        .as(listing[0])
                        .isNotEmpty()
                        .isEqualTo(listing(listing, agentVhost, agents));
            }
            assertThat(lines("list_queues", "-p", vhost, "name").stream().filter(agents))
                    .containsExactlyInAnyOrderElementsOf(agentQueues(AGENT));

            // each consumes its own: the orchestrator the agent's two queues, the agent's Telegram gateway its
            // outbound queue; nobody another service's, nobody the dead letters. The orchestrator may read the
            // outbound queue too: RabbitMQ asks read on a queue to declare it with a dead-letter exchange (what
            // is in it, the orchestrator wrote).
            Map<String, Set<String>> consumes = new TreeMap<>();
            PUBLISHES.keySet().forEach(service -> consumes.put(service, Set.of()));
            consumes.put(
                    "orchestrator",
                    Set.of(
                            "orchestrator." + AGENT + ".inbound",
                            "orchestrator." + AGENT + ".run-events",
                            "gateway.tg." + AGENT + ".outbound"));
            consumes.put("gateway-telegram", Set.of("gateway.tg." + AGENT + ".outbound"));
            assertAllowedExactly(consumes, agentQueues(AGENT), "consumes", (channel, queue) -> {
                String tag = channel.basicConsume(queue, false, (t, m) -> {}, t -> {});
                channel.basicCancel(tag);
            });
            // and no one but the orchestrator deletes them
            for (String service : PUBLISHES.keySet()) {
                try (Connection connection = connect(service)) {
                    for (String queue : agentQueues(AGENT)) {
                        if (!service.equals("orchestrator")) {
                            assertThat(succeeds(connection, channel -> channel.queueDelete(queue)))
                                    .as(service + " deletes " + queue)
                                    .isFalse();
                        }
                    }
                }
            }
        } finally {
            rabbitmqctl.run("delete_vhost", agentVhost);
            for (String queue : agentQueues(AGENT)) {
                rabbitmqctl.run("delete_queue", "-p", vhost, queue);
            }
        }
    }

    @Test
    void onlyTheOrchestratorDeclaresAgentScopedQueuesAndOnlyByTheirPatterns() throws Exception {
        String other = "other-" + RUN;
        List<String> agentScoped = new ArrayList<>();
        for (String base : List.of(
                "orchestrator." + other + ".inbound",
                "orchestrator." + other + ".run-events",
                "gateway.tg." + other + ".outbound",
                "gateway.mx." + other + ".outbound",
                "gateway.api." + other + ".outbound")) {
            agentScoped.add(base);
            agentScoped.add(base + ".dlq");
        }
        // not an agent's queue: a look-alike, a shared name, a queue of another shape
        List<String> never = List.of(
                "orchestrator.inbound",
                "gateway.tg.main.outbound",
                "orchestrator." + other + ".other",
                "orchestrator.x." + other + ".inbound",
                "gateway.tg.main.outbound.x",
                "runner." + other + ".requests",
                "gateway.xx." + other + ".outbound");
        for (String service : PUBLISHES.keySet()) {
            try (Connection connection = connect(service)) {
                for (String queue : agentScoped) {
                    assertThat(succeeds(connection, channel -> {
                                channel.queueDeclare(queue, true, false, false, null);
                                channel.queueDelete(queue);
                            }))
                            .as(service + " declares " + queue)
                            .isEqualTo(service.equals("orchestrator"));
                }
                for (String queue : never) {
                    assertThat(succeeds(connection, channel -> channel.queueDeclare(queue, true, false, false, null)))
                            .as(service + " declares " + queue)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aSubAgentsGatewayContextWaitsForItsQueuesWhichItCannotDeclare() throws Exception {
        String agent = "late-" + RUN;
        String[] gateway = {
            "ductor.agent=" + agent,
            "ductor.bus.gateways=tg." + agent,
            "ductor.bus.declare-topology=false",
            "ductor.bus.agent-queues-timeout=1s"
        };
        try {
            contextRunner(vhost, definitions.user("gateway-telegram"), gateway)
                    .run(context -> assertThat(context)
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("orchestrator." + agent + ".inbound")
                            .hasMessageContaining("gateway.tg." + agent + ".outbound"));
            declare(
                    vhost,
                    definitions.user("orchestrator"),
                    "ductor.agent=" + agent,
                    "ductor.bus.gateways=tg." + agent,
                    "ductor.bus.declare-topology=false",
                    "ductor.bus.declare-agent-queues=true");
            contextRunner(vhost, definitions.user("gateway-telegram"), gateway)
                    .run(context -> assertThat(context).hasNotFailed());
        } finally {
            for (String queue : agentQueues(agent)) {
                rabbitmqctl.run("delete_queue", "-p", vhost, queue);
            }
        }
    }

    /** A sub-agent's queues: its orchestrator's two and its Telegram gateway's outbound queue, with their DLQs. */
    private static List<String> agentQueues(String agent) {
        return Stream.of(
                        "orchestrator." + agent + ".inbound",
                        "orchestrator." + agent + ".run-events",
                        "gateway.tg." + agent + ".outbound")
                .flatMap(queue -> Stream.of(queue, queue + ".dlq"))
                .toList();
    }

    /** Declares what the bus of a service with these properties declares, logged in as {@code user}. */
    private static void declare(String vhost, String user, String... properties) {
        contextRunner(vhost, user, properties)
                .run(context -> context.getBean(RabbitAdmin.class).initialize());
    }

    private static ApplicationContextRunner contextRunner(String vhost, String user, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BusAutoConfiguration.class, RabbitAutoConfiguration.class))
                .withPropertyValues(
                        "spring.rabbitmq.host=" + broker.host(),
                        "spring.rabbitmq.port=" + broker.port(),
                        "spring.rabbitmq.username=" + user,
                        "spring.rabbitmq.password=" + definitions.password(user),
                        "spring.rabbitmq.virtual-host=" + vhost)
                .withPropertyValues(properties);
    }

    private static String admin() {
        return definitions.admin();
    }

    private static Connection connect(String service) throws Exception {
        String user = definitions.user(service);
        var factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setVirtualHost(vhost);
        factory.setUsername(user);
        factory.setPassword(definitions.password(user));
        return factory.newConnection(user);
    }

    private interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    /** Runs the work on a fresh channel: true if the broker allowed it, false on ACCESS_REFUSED (403). */
    private static boolean succeeds(Connection connection, ChannelWork work) throws Exception {
        Channel channel = connection.createChannel();
        try {
            work.run(channel);
            channel.close();
            return true;
        } catch (ShutdownSignalException | IOException e) {
            Throwable signal = e instanceof ShutdownSignalException ? e : e.getCause();
            if (signal instanceof ShutdownSignalException s
                    && s.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == AMQP.ACCESS_REFUSED) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> lines(String... args) throws Exception {
        return definitions.lines(args);
    }

    /**
     * A listing of one vhost as a sorted set of lines, each line's argument table (its last column,
     * {@code [{"k",v},…]}) sorted too: rabbitmqctl keeps neither order stable.
     */
    private static Set<String> listing(String[] listing, String vhost, Predicate<String> lines) throws Exception {
        List<String> args = new ArrayList<>(List.of(listing[0], "-p", vhost));
        args.addAll(List.of(listing).subList(1, listing.length));
        Set<String> sorted = new TreeSet<>();
        for (String line : lines(args.toArray(String[]::new))) {
            if (!lines.test(line)) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            String table = line.substring(tab + 1);
            List<String> entries = new ArrayList<>(
                    List.of(table.replaceAll("^\\[\\{|\\}\\]$", "").split("\\},\\{")));
            entries.sort(null);
            sorted.add(line.substring(0, tab + 1) + entries);
        }
        return sorted;
    }
}
