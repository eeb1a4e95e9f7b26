package dev.ductor.cli.status;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.Topology;
import dev.ductor.model.Contracts;
import dev.ductor.model.RestartRequested;
import dev.ductor.model.RunnerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks at the broker the services use ({@code SPRING_RABBITMQ_*}, namespace {@code DUCTOR_BUS_NAMESPACE}):
 * whether it answers, the depth and consumers of ductor's queues (passive declares: nothing is created),
 * and the runners' latest {@link RunnerStatus}, heard on a temporary queue bound to {@code runner.*}.
 */
public final class BrokerProbe implements AutoCloseable {

    /** A queue as the broker sees it; {@code exists} false when no service has declared it yet. */
    public record QueueDepth(String name, boolean exists, long messages, long consumers) {}

    private final String address;
    private final Topology topology;
    private final Connection connection;

    private BrokerProbe(String address, Topology topology, Connection connection) {
        this.address = address;
        this.topology = topology;
        this.connection = connection;
    }

    /** Connects, or says in words why not. */
    public static Result connect(Map<String, String> env) {
        var factory = new ConnectionFactory();
        factory.setHost(env.getOrDefault("SPRING_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env.getOrDefault("SPRING_RABBITMQ_PORT", "5672")));
        factory.setUsername(env.getOrDefault("SPRING_RABBITMQ_USERNAME", "guest"));
        factory.setPassword(env.getOrDefault("SPRING_RABBITMQ_PASSWORD", "guest"));
        factory.setConnectionTimeout(3000);
        factory.setAutomaticRecoveryEnabled(false);
        String address = factory.getHost() + ":" + factory.getPort();
        var topology = new Topology(env.getOrDefault("DUCTOR_BUS_NAMESPACE", ""));
        try {
            return new Result(
                    Optional.of(new BrokerProbe(address, topology, factory.newConnection("ductor-status"))),
                    address,
                    "");
        } catch (IOException | TimeoutException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(Optional.empty(), address, why);
        }
    }

    /** The probe when the broker answered, otherwise the reason. */
    public record Result(Optional<BrokerProbe> probe, String address, String problem) {}

    public String address() {
        return address;
    }

    /** The queues that tell whether messages pile up: inbound, run requests, run events, the gateway's, DLQs. */
    public List<QueueDepth> queues(List<String> gatewayAddresses) {
        List<String> names = new ArrayList<>(List.of(
                topology.orchestratorInboundQueue(),
                topology.runnerRequestsQueue(),
                topology.orchestratorRunEventsQueue()));
        for (String gateway : gatewayAddresses) {
            String[] parts = gateway.split("\\.", 2);
            names.add(topology.gatewayOutboundQueue(parts[0], parts.length > 1 ? parts[1] : "main"));
        }
        List<QueueDepth> depths = new ArrayList<>();
        for (String name : List.copyOf(names)) {
            depths.add(depth(name));
            depths.add(depth(Topology.deadLetterQueue(name)));
        }
        return depths;
    }

    private QueueDepth depth(String name) {
        // A passive declare of a missing queue closes its channel: one channel per queue.
        try (Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(name);
            return new QueueDepth(name, true, ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            return new QueueDepth(name, false, 0, 0);
        }
    }

    /**
     * Listens for runner reports (each runner sends one every 30 s) until {@code expected} runners were heard
     * or {@code wait} is over; the latest report per runner.
     */
    public List<RunnerStatus> runners(int expected, Duration wait) throws IOException {
        Map<String, RunnerStatus> latest = new LinkedHashMap<>();
        if (expected <= 0 || wait.isZero()) {
            return List.of();
        }
        JsonMapper json = ContractJson.mapper();
        try (Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            try {
                channel.queueBind(queue, topology.runEventsExchange(), "runner.*");
            } catch (IOException e) {
                return List.of(); // no exchange yet: no service ever started in this namespace
            }
            var heard = new java.util.concurrent.LinkedBlockingQueue<RunnerStatus>();
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        Object type = delivery.getProperties().getHeaders() == null
                                ? null
                                : delivery.getProperties().getHeaders().get(BusHeaders.TYPE);
                        if (type != null && type.toString().equals(RunnerStatus.class.getSimpleName())) {
                            try {
                                heard.add(json.readValue(delivery.getBody(), RunnerStatus.class));
                            } catch (RuntimeException ignored) {
                                // a report we cannot read is left out
                            }
                        }
                    },
                    tag -> {});
            long deadline = System.nanoTime() + wait.toNanos();
            while (latest.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                RunnerStatus status = heard.poll(left, TimeUnit.NANOSECONDS);
                if (status != null) {
                    latest.put(status.runnerId(), status);
                }
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(latest.values());
    }

    /**
     * Publishes {@link RestartRequested} on the control fanout (confirmed): every service of this namespace
     * exits with 42 and its supervisor starts it again, as after {@code /restart} (behaviour §2.20).
     */
    public void requestRestart(String reason) throws IOException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            byte[] body = ContractJson.mapper().writeValueAsBytes(new RestartRequested(reason));
            var properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .contentEncoding("UTF-8")
                    .deliveryMode(2)
                    .messageId("restart:" + java.util.UUID.randomUUID())
                    .timestamp(new java.util.Date())
                    .headers(Map.of(
                            BusHeaders.TYPE,
                            Contracts.typeOf(new RestartRequested(reason)),
                            BusHeaders.SCHEMA,
                            Contracts.SCHEMA))
                    .build();
            channel.basicPublish(topology.controlExchange(), "", properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the broker did not confirm the restart request", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException ignored) {
            // closing a connection the broker already dropped
        }
    }
}
