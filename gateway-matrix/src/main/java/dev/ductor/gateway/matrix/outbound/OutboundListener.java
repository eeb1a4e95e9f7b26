package dev.ductor.gateway.matrix.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.BusHeaders;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import dev.ductor.state.DeliveredIds;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes {@code gateway.mx.<agent>.outbound} one command at a time with manual acks: a command is acked
 * only after the homeserver took it, so a gateway that dies mid-send gets it again and repeats it under the
 * same transaction ids (shown once); an id already carried out is acked without effect; what is not a
 * contract, or what the homeserver refuses for good, goes to the DLQ. While the homeserver is unreachable the
 * command is retried without a limit ({@link RoomSender}); a gateway stopping meanwhile leaves it unacked.
 */
final class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final MessageConverter converter;
    private final OutboundCommands commands;
    private final DeliveredIds delivered;
    private final MatrixMetrics metrics;

    OutboundListener(
            MessageConverter converter, OutboundCommands commands, DeliveredIds delivered, MatrixMetrics metrics) {
        this.converter = converter;
        this.commands = commands;
        this.delivered = delivered;
        this.metrics = metrics;
    }

    @RabbitListener(
            id = "matrix-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('mx', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        String messageId = messageId(message);
        if (messageId != null && delivered.contains(messageId)) {
            metrics.outbound(
                    String.valueOf(message.getMessageProperties().getHeaders().get(BusHeaders.TYPE)), "duplicate");
            channel.basicAck(tag, false);
            return;
        }
        Contract contract;
        try {
            contract = (Contract) converter.fromMessage(message);
        } catch (MessageConversionException | ClassCastException e) {
            log.error("Rejecting outbound message {} to the DLQ: {}", messageId, e.getMessage());
            metrics.outbound("unknown", "malformed");
            channel.basicReject(tag, false);
            return;
        }
        String type = Contracts.typeOf(contract);
        try {
            commands.handle(contract, messageId != null ? messageId : "anon-" + UUID.randomUUID());
        } catch (RoomSender.Stopping e) {
            // neither acked nor rejected: the broker redelivers it when the gateway's channel closes
            log.info("Outbound {} {} left for redelivery: {}", type, messageId, e.getMessage());
            metrics.outbound(type, "left_unacked");
            return;
        } catch (RuntimeException e) {
            log.error("Outbound {} {} failed; leaving it to the DLQ", type, messageId, e);
            metrics.outbound(type, "failed");
            channel.basicReject(tag, false);
            return;
        }
        if (messageId != null) {
            delivered.add(messageId);
        }
        metrics.outbound(type, "delivered");
        channel.basicAck(tag, false);
    }

    private static @Nullable String messageId(Message message) {
        Object header = message.getMessageProperties().getHeaders().get(BusHeaders.MESSAGE_ID);
        return header != null
                ? header.toString()
                : message.getMessageProperties().getMessageId();
    }
}
