package dev.ductor.gateway.api.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.OutboundDelivery;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.state.DeliveredIds;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes {@code gateway.api.<agent>.outbound} with manual acks by shared-model's {@link OutboundDelivery}
 * rules: a command is acked once {@link ApiEvents} sent it to the chat's clients or, with none connected,
 * kept it in the mailbox (or dropped a progress event, by the documented rule); what it came to is counted.
 */
final class OutboundListener {

    private final OutboundDelivery delivery;

    OutboundListener(MessageConverter converter, ApiEvents events, DeliveredIds delivered, ApiMetrics metrics) {
        this.delivery = new OutboundDelivery(
                converter,
                delivered,
                metrics::outbound,
                (command, messageId) -> CompletableFuture.completedFuture(events.handle(command)));
    }

    @RabbitListener(
            id = "api-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('api', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) {
        delivery.onMessage(message, channel);
    }
}
