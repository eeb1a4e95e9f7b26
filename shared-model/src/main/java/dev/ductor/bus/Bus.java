package dev.ductor.bus;

import dev.ductor.model.Contract;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * Publishing onto the bus. Every publish is persistent, carries the design's headers and returns only
 * after the broker confirmed it; a nack, a lost connection or a timeout is an {@link AmqpException},
 * so a caller never believes a message was handed over when it was not. (Routing is guaranteed by the
 * topology every service declares at start, not checked per publish: no {@code mandatory} flag.)
 */
public final class Bus {

    private final RabbitTemplate template;
    private final Topology topology;
    private final BusProperties properties;

    public Bus(RabbitTemplate template, Topology topology, BusProperties properties) {
        this.template = template;
        this.topology = topology;
        this.properties = properties;
    }

    public Topology topology() {
        return topology;
    }

    /** Publishes with a fresh message id. */
    public void publish(String exchange, String routingKey, Contract message, String correlationId) {
        publish(exchange, routingKey, message, correlationId, UUID.randomUUID().toString());
    }

    /**
     * Publishes with the given message id: a deterministic id lets the consumer skip a message that a
     * crash made the producer send twice.
     */
    public void publish(String exchange, String routingKey, Contract message, String correlationId, String messageId) {
        @Nullable String traceparent = Traces.current();
        try {
            confirmedPublish(exchange, routingKey, message, correlationId, messageId, traceparent);
        } catch (AmqpException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the client's ShutdownSignalException when the connection drops while waiting for the
            // confirm: callers handle one exception type for "not handed over".
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        }
    }

    private void confirmedPublish(
            String exchange,
            String routingKey,
            Contract message,
            String correlationId,
            String messageId,
            @Nullable String traceparent) {
        template.invoke(ops -> {
            ops.convertAndSend(exchange, routingKey, message, m -> {
                var p = m.getMessageProperties();
                p.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                p.setMessageId(messageId);
                p.setCorrelationId(correlationId);
                p.setTimestamp(java.util.Date.from(Instant.now()));
                p.setHeader(BusHeaders.MESSAGE_ID, messageId);
                p.setHeader(BusHeaders.CORRELATION_ID, correlationId);
                p.setHeader(BusHeaders.TIMESTAMP, Instant.now().toString());
                if (traceparent != null) {
                    p.setHeader(BusHeaders.TRACEPARENT, traceparent);
                }
                return m;
            });
            ops.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
    }

    public void toOrchestrator(String transport, String agent, Contract message, String correlationId, String id) {
        publish(topology.inboundExchange(), Topology.addressKey(transport, agent), message, correlationId, id);
    }

    public void toRunners(Contract message, String runId) {
        publish(topology.runsExchange(), Topology.RUN_ROUTING_KEY, message, runId, runId);
    }

    public void runEvent(String runId, Contract message, String messageId) {
        runEvent(Topology.MAIN_AGENT, runId, message, messageId);
    }

    /** An event of a run of {@code agent}: it reaches that agent's orchestrator only. */
    public void runEvent(String agent, String runId, Contract message, String messageId) {
        publish(topology.runEventsExchange(), Topology.runEventsKey(agent, runId), message, runId, messageId);
    }

    public void runnerStatus(String runnerId, Contract message, String messageId) {
        publish(topology.runEventsExchange(), Topology.runnerStatusKey(runnerId), message, runnerId, messageId);
    }

    public void control(Contract message, String correlationId) {
        publish(topology.controlExchange(), "", message, correlationId);
    }

    public void toGateway(String transport, String agent, Contract message, String correlationId, String messageId) {
        publish(topology.outboundExchange(), Topology.addressKey(transport, agent), message, correlationId, messageId);
    }
}
