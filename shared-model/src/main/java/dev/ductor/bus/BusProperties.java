package dev.ductor.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bus settings. {@code namespace} prefixes every exchange and queue name (tests use one per run);
 * {@code rabbitmqQueueArguments} switches on the RabbitMQ-only arguments (quorum type, delivery limit,
 * single active consumer) that a plain AMQP test broker may not know.
 */
@ConfigurationProperties("ductor.bus")
public record BusProperties(
        @DefaultValue("") String namespace,
        @DefaultValue("true") boolean rabbitmqQueueArguments,
        @DefaultValue("5") int deliveryLimit,
        @DefaultValue("10s") Duration confirmTimeout) {}
