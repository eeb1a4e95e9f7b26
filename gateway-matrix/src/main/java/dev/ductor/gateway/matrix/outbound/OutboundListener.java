package dev.ductor.gateway.matrix.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.OutboundDelivery;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.state.DeliveredIds;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes {@code gateway.mx.<agent>.outbound} one command at a time with manual acks by shared-model's
 * {@link OutboundDelivery} rules: a command is acked only after the homeserver took it, so a gateway that dies
 * mid-send gets it again and repeats it under the same transaction ids (shown once); what the homeserver
 * refuses for good goes to the DLQ. While the homeserver is unreachable the command is retried without a
 * limit ({@link RoomSender}); a gateway stopping meanwhile leaves it unacked.
 */
final class OutboundListener {

    private final OutboundDelivery delivery;

    OutboundListener(
            MessageConverter converter, OutboundCommands commands, DeliveredIds delivered, MatrixMetrics metrics) {
        this.delivery = new OutboundDelivery(converter, delivered, metrics::outbound, (command, messageId) -> {
            try {
                commands.handle(command, messageId != null ? messageId : "anon-" + UUID.randomUUID());
            } catch (RoomSender.Stopping e) {
                throw new OutboundDelivery.LeftUnacked(e.getMessage());
            }
            return CompletableFuture.completedFuture("delivered");
        });
    }

    @RabbitListener(
            id = "matrix-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('mx', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) {
        delivery.onMessage(message, channel);
    }
}
