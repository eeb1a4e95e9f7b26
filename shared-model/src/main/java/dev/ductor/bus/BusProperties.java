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
 * user may configure a shared exchange or queue (docs/design.md, "Trust boundaries").
 */
@ConfigurationProperties("ductor.bus")
public record BusProperties(
        @DefaultValue("") String namespace,
        @DefaultValue("true") boolean rabbitmqQueueArguments,
        @DefaultValue("5") int deliveryLimit,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("true") boolean declareTopology) {

    @ConstructorBinding
    public BusProperties {}

    /** Settings that declare the topology (every service outside compose, and the tests). */
    public BusProperties(String namespace, boolean rabbitmqQueueArguments, int deliveryLimit, Duration confirmTimeout) {
        this(namespace, rabbitmqQueueArguments, deliveryLimit, confirmTimeout, true);
    }
}
