package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ductor.bus.BusAutoConfiguration;
import dev.ductor.testkit.broker.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The broker definitions compose loads at boot ({@code deploy/rabbitmq/definitions.template.json}, rendered by
 * {@code deploy/rabbitmq/start.sh}) hold the bus topology of docs/design.md, "Bus", and give each service a
 * user allowed only what it publishes and consumes ("Trust boundaries"): imported here with {@code rabbitmqctl
 * import_definitions} into a vhost of their own on the test broker, then probed over AMQP as each user.
 * Skipped, saying so, without a {@code rabbitmqctl} that can reach the test broker.
 */
class BrokerPermissionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What each service publishes to (exchanges) and consumes from (queues): design.md, "Bus". */
    private static final Map<String, Set<String>> PUBLISHES = Map.of(
            "gateway-telegram", Set.of("ductor.inbound"),
            "gateway-matrix", Set.of("ductor.inbound"),
            "gateway-api", Set.of("ductor.inbound"),
            "scheduler", Set.of("ductor.inbound"),
            "orchestrator", Set.of("ductor.runs", "ductor.control", "ductor.outbound"),
            "cli-runner", Set.of("ductor.run-events"));

    private static final Map<String, Set<String>> CONSUMES = Map.of(
            "gateway-telegram", Set.of("gateway.tg.main.outbound"),
            "gateway-matrix", Set.of("gateway.mx.main.outbound"),
            "gateway-api", Set.of("gateway.api.main.outbound"),
            "scheduler", Set.of(),
            "orchestrator", Set.of("orchestrator.inbound", "orchestrator.run-events"),
            "cli-runner", Set.of("runner.requests"));

    private static final List<String> EXCHANGES = List.of(
            "ductor.inbound", "ductor.runs", "ductor.run-events", "ductor.control", "ductor.outbound", "ductor.dlx");

    private static final List<String> QUEUES = List.of(
            "orchestrator.inbound",
            "orchestrator.run-events",
            "runner.requests",
            "gateway.tg.main.outbound",
            "gateway.mx.main.outbound",
            "gateway.api.main.outbound");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String VHOST = "ductor-definitions-" + RUN;
    /** Where the services' code declares its topology, to compare with the definitions. */
    private static final String CODE_VHOST = "ductor-declared-" + RUN;
    /** User names are global on a broker: this run's carry a prefix. */
    private static final String USER_PREFIX = "t" + RUN + "-";

    private static final Map<String, String> passwords = new TreeMap<>();
    private static Tool rabbitmqctl;
    private static TestBroker broker;

    @BeforeAll
    static void importTheDefinitions() throws Exception {
        rabbitmqctl = Tool.required("rabbitmqctl", "rabbitmq-server", "load broker definitions");
        broker = TestBroker.get();
        Tool.Result status = rabbitmqctl.run("-q", "list_vhosts");
        assumeTrue(
                status.exitCode() == 0,
                () -> "rabbitmqctl cannot reach the test broker (run as root or the rabbitmq user next to it): "
                        + status.output().strip() + ". Skipping.");

        // readable by all: Debian's rabbitmqctl runs as the rabbitmq user (this rabbitmqctl reads no stdin)
        Path file = Files.createTempFile(
                "ductor-definitions",
                ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.write(file, JSON.writeValueAsBytes(rendered()));
            rabbitmqctl.succeed("import_definitions", file.toString());
        } finally {
            Files.delete(file);
        }
        // the import is asynchronous; 13 bindings besides the default exchange's (whose source name is blank)
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> lines("list_bindings", "-p", VHOST, "source_name").size() == 13
                        && lines("list_permissions", "-p", VHOST).size() == 7);
    }

    @AfterAll
    static void deleteTheVhostsAndUsers() throws Exception {
        if (rabbitmqctl == null || passwords.isEmpty()) {
            return;
        }
        rabbitmqctl.run("delete_vhost", VHOST);
        rabbitmqctl.run("delete_vhost", CODE_VHOST);
        for (String user : passwords.keySet()) {
            rabbitmqctl.run("delete_user", user);
        }
    }

    @Test
    void theDefinitionsHoldExactlyTheTopologyTheServicesDeclare() throws Exception {
        rabbitmqctl.succeed("add_vhost", CODE_VHOST);
        rabbitmqctl.succeed("set_permissions", "-p", CODE_VHOST, admin(), ".*", ".*", ".*");
        // as the services declare it: the Telegram gateway and orchestrator with tg.main, the Matrix gateway
        // with its own mx.main, the API gateway with api.main (compose runs them all)
        for (String gateway : List.of("tg.main", "mx.main", "api.main")) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(BusAutoConfiguration.class, RabbitAutoConfiguration.class))
                    .withPropertyValues(
                            "spring.rabbitmq.host=" + broker.host(),
                            "spring.rabbitmq.port=" + broker.port(),
                            "spring.rabbitmq.username=" + admin(),
                            "spring.rabbitmq.password=" + passwords.get(admin()),
                            "spring.rabbitmq.virtual-host=" + CODE_VHOST,
                            "ductor.bus.gateways=" + gateway)
                    .run(context -> context.getBean(RabbitAdmin.class).initialize());
        }

        for (String[] listing : new String[][] {
            {"list_exchanges", "name", "type", "durable", "auto_delete", "internal", "arguments"},
            {"list_queues", "name", "durable", "auto_delete", "arguments"},
            {"list_bindings", "source_name", "destination_name", "destination_kind", "routing_key", "arguments"}
        }) {
            assertThat(listing(listing, VHOST)).as(listing[0]).isEqualTo(listing(listing, CODE_VHOST));
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
        assertThat(lines("list_queues", "-p", VHOST, "name", "messages")).contains("runner.requests\t0");
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
                    for (String exchange :
                            List.of("ductor.inbound", "ductor.runs", "ductor.outbound", "ductor.run-events")) {
                        assertThat(succeeds(connection, channel -> {
                                    channel.queueDeclare(queue, false, true, true, null);
                                    channel.queueBind(queue, exchange, "#");
                                }))
                                .as(service + " taps " + exchange)
                                .isFalse();
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
                            channel.basicCancel(channel.basicConsume(replies, true, (tag, delivery) -> {}, tag -> {}));
                        }))
                        .as(service + " declares and reads a scheduler reply queue")
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

    /** The template with this run's vhost, prefixed user names and fresh passwords, as start.sh renders it. */
    private static JsonNode rendered() throws IOException {
        String text = ProjectFiles.read("deploy/rabbitmq/definitions.template.json")
                .replace("@VHOST@", VHOST)
                .replace("@ADMIN_USER@", "ductor");
        for (String placeholder : List.of(
                "ADMIN_PASSWORD",
                "GATEWAY_TELEGRAM_PASSWORD",
                "GATEWAY_MATRIX_PASSWORD",
                "GATEWAY_API_PASSWORD",
                "ORCHESTRATOR_PASSWORD",
                "CLI_RUNNER_PASSWORD",
                "SCHEDULER_PASSWORD")) {
            byte[] bytes = new byte[24];
            ThreadLocalRandom.current().nextBytes(bytes);
            text = text.replace("@" + placeholder + "@", HexFormat.of().formatHex(bytes));
        }
        assertThat(text).as("every placeholder rendered").doesNotContain("@");
        JsonNode definitions = JSON.readTree(text);
        for (JsonNode user : definitions.get("users")) {
            String name = USER_PREFIX + user.get("name").asString();
            ((ObjectNode) user).put("name", name);
            passwords.put(name, user.get("password").asString());
        }
        for (JsonNode permission : definitions.get("permissions")) {
            ((ObjectNode) permission)
                    .put("user", USER_PREFIX + permission.get("user").asString());
        }
        return definitions;
    }

    private static String admin() {
        return USER_PREFIX + "ductor";
    }

    private static Connection connect(String service) throws Exception {
        String user = USER_PREFIX + "ductor-" + service;
        var factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setVirtualHost(VHOST);
        factory.setUsername(user);
        factory.setPassword(passwords.get(user));
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
        List<String> command = new ArrayList<>(List.of("-q", "--no-table-headers"));
        command.addAll(List.of(args));
        Tool.Result result = rabbitmqctl.run(command.toArray(String[]::new));
        return result.exitCode() != 0
                ? List.of()
                : result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * A listing of one vhost as a sorted set of lines, each line's argument table (its last column,
     * {@code [{"k",v},…]}) sorted too: rabbitmqctl keeps neither order stable.
     */
    private static Set<String> listing(String[] listing, String vhost) throws Exception {
        List<String> args = new ArrayList<>(List.of(listing[0], "-p", vhost));
        args.addAll(List.of(listing).subList(1, listing.length));
        Set<String> sorted = new TreeSet<>();
        for (String line : lines(args.toArray(String[]::new))) {
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
