package dev.ductor.testkit.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ductor.bus.Topology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The broker tests run against: the one named by {@code SPRING_RABBITMQ_HOST}/{@code _PORT} (and
 * {@code _USERNAME}/{@code _PASSWORD}), else the one on {@code localhost:5672}, else a Testcontainers
 * RabbitMQ when Docker is available, else a clear failure saying how to get one. Each test run takes its
 * own {@link #newNamespace() namespace} and {@link #deleteNamespace deletes} it afterwards.
 */
public final class TestBroker {

    private static final Logger log = LoggerFactory.getLogger(TestBroker.class);
    private static @Nullable TestBroker instance;

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private TestBroker(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    public static synchronized TestBroker get() {
        if (instance == null) {
            instance = locate(System.getenv());
        }
        return instance;
    }

    static TestBroker locate(Map<String, String> env) {
        String user = env.getOrDefault("SPRING_RABBITMQ_USERNAME", "guest");
        String pass = env.getOrDefault("SPRING_RABBITMQ_PASSWORD", "guest");
        String host = env.get("SPRING_RABBITMQ_HOST");
        int port = Integer.parseInt(env.getOrDefault("SPRING_RABBITMQ_PORT", "5672"));
        if (host != null && !host.isBlank()) {
            if (!answers(host, port)) {
                throw new IllegalStateException("SPRING_RABBITMQ_HOST names " + host + ":" + port
                        + " but nothing answers there; start that broker or unset the variable");
            }
            return new TestBroker(host, port, user, pass);
        }
        if (answers("127.0.0.1", port)) {
            return new TestBroker("127.0.0.1", port, user, pass);
        }
        if (dockerAvailable()) {
            log.info("No RabbitMQ on localhost:{}; starting one with Testcontainers", port);
            @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management");
            container.start();
            return new TestBroker(
                    container.getHost(),
                    container.getAmqpPort(),
                    container.getAdminUsername(),
                    container.getAdminPassword());
        }
        throw new IllegalStateException("The tests need RabbitMQ and none was found: nothing answers on localhost:"
                + port + ", SPRING_RABBITMQ_HOST is not set and Docker is not available. Start one with "
                + "`bash bin/ensure-rabbitmq` (installs Debian's rabbitmq-server), `sudo apt-get install "
                + "rabbitmq-server`, `brew services start rabbitmq` or `docker run -d -p 5672:5672 rabbitmq:4`.");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A fresh namespace for exchange and queue names ({@code ductor.bus.namespace}). */
    public static String newNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Spring properties that point a service at this broker in the given namespace. */
    public Map<String, String> springProperties(String namespace) {
        return Map.of(
                "spring.rabbitmq.host", host,
                "spring.rabbitmq.port", String.valueOf(port),
                "spring.rabbitmq.username", username,
                "spring.rabbitmq.password", password,
                "ductor.bus.namespace", namespace);
    }

    /** The same as environment variables, for services started as processes. */
    public Map<String, String> environment(String namespace) {
        return Map.of(
                "SPRING_RABBITMQ_HOST", host,
                "SPRING_RABBITMQ_PORT", String.valueOf(port),
                "SPRING_RABBITMQ_USERNAME", username,
                "SPRING_RABBITMQ_PASSWORD", password,
                "DUCTOR_BUS_NAMESPACE", namespace);
    }

    public Connection connect() {
        var factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        try {
            return factory.newConnection("ductor-test");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot connect to RabbitMQ at " + host + ":" + port, e);
        }
    }

    /**
     * Deletes every queue (with its DLQ) and exchange of the namespace's topology, for the given gateway
     * addresses ({@code tg.main}), plus any extra queues a test declared itself.
     */
    public void deleteNamespace(String namespace, List<String> gateways, String... extraQueues) {
        var topology = new Topology(namespace);
        List<String> queues = new ArrayList<>(List.of(
                topology.orchestratorInboundQueue(),
                topology.orchestratorRunEventsQueue(),
                topology.runnerRequestsQueue()));
        for (String gateway : gateways) {
            String[] parts = gateway.split("\\.", 2);
            queues.add(topology.gatewayOutboundQueue(parts[0], parts[1]));
        }
        List<String> all = new ArrayList<>();
        for (String queue : queues) {
            all.add(queue);
            all.add(Topology.deadLetterQueue(queue));
        }
        all.addAll(List.of(extraQueues));
        List<String> exchanges = List.of(
                topology.inboundExchange(),
                topology.runsExchange(),
                topology.runEventsExchange(),
                topology.controlExchange(),
                topology.outboundExchange(),
                topology.deadLetterExchange());
        try (Connection connection = connect()) {
            for (String queue : all) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // absent already
                }
            }
            for (String exchange : exchanges) {
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(exchange);
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // absent already
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean up namespace {}: {}", namespace, e.getMessage());
        }
    }
}
