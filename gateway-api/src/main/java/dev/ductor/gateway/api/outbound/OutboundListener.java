package dev.ductor.gateway.api.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.BusHeaders;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import dev.ductor.state.DeliveredIds;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes {@code gateway.api.<agent>.outbound} with manual acks: a command is acked once {@link ApiEvents}
 * sent it to the chat's clients or, with none connected, kept it in the mailbox (or dropped a progress
 * event, by the documented rule); an id already carried out is acked without effect; what is not a
 * contract goes to the DLQ.
 */
final class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final MessageConverter converter;
    private final ApiEvents events;
    private final DeliveredIds delivered;
    private final ApiMetrics metrics;

    OutboundListener(MessageConverter converter, ApiEvents events, DeliveredIds delivered, ApiMetrics metrics) {
        this.converter = converter;
        this.events = events;
        this.delivered = delivered;
        this.metrics = metrics;
    }

    @RabbitListener(
            id = "api-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('api', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        Object header = message.getMessageProperties().getHeaders().get(BusHeaders.MESSAGE_ID);
        String messageId = header != null ? header.toString() : null;
        if (messageId != null && delivered.contains(messageId)) {
            metrics.outbound("any", "duplicate");
            channel.basicAck(tag, false);
            return;
        }
        Contract command;
        try {
            command = (Contract) converter.fromMessage(message);
        } catch (MessageConversionException | ClassCastException e) {
            log.error("Rejecting outbound message {} to the DLQ: {}", messageId, e.getMessage());
            metrics.outbound("unknown", "malformed");
            channel.basicReject(tag, false);
            return;
        }
        String outcome = events.handle(command);
        if (messageId != null) {
            delivered.add(messageId);
        }
        metrics.outbound(Contracts.typeOf(command), outcome);
        channel.basicAck(tag, false);
    }
}
