package dev.ductor.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bus settings. {@code namespace} prefixes every exchange and queue name (tests use one per run);
 * {@code rabbitmqQueueArguments} switches on the RabbitMQ-only arguments (quorum type, delivery limit,
 * single active consumer) that a plain AMQP test broker may not know. {@code declareTopology} (default true)
 * makes the service declare the shared durable topology and the control exchange at start; compose turns it
 * off, because there the broker loads that topology from its definitions at boot and no service's broker
 * user may configure a shared exchange or queue (docs/design.md, "Trust boundaries"). Those definitions name the
 * main agent's queues only: with the topology off, {@code declareAgentQueues} (compose sets it for the
 * orchestrator) makes a sub-agent's context still declare its own queues ({@code orchestrator.<agent>.*} and its
 * gateways' {@code gateway.<transport>.<agent>.outbound}, with their dead-letter queues and bindings), which the
 * orchestrator's broker user may do for agent-scoped names only; a sub-agent context that declares nothing waits
 * at start up to {@code agentQueuesTimeout} for them to exist, so nothing it publishes is unroutable.
 */
@ConfigurationProperties("ductor.bus")
public record BusProperties(
        @DefaultValue("") String namespace,
        @DefaultValue("true") boolean rabbitmqQueueArguments,
        @DefaultValue("5") int deliveryLimit,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("true") boolean declareTopology,
        @DefaultValue("false") boolean declareAgentQueues,
        @DefaultValue("60s") Duration agentQueuesTimeout) {

    @ConstructorBinding
    public BusProperties {}

    /** Settings that declare the topology (every service outside compose, and the tests). */
    public BusProperties(String namespace, boolean rabbitmqQueueArguments, int deliveryLimit, Duration confirmTimeout) {
        this(namespace, rabbitmqQueueArguments, deliveryLimit, confirmTimeout, true, false, Duration.ofSeconds(60));
    }
}
