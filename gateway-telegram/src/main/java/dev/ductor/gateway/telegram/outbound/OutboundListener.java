package dev.ductor.gateway.telegram.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.OutboundDelivery;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.state.DeliveredIds;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes this gateway's outbound queue with manual acks by shared-model's {@link OutboundDelivery} rules: a
 * command is acked only once {@link OutboundCommands} has done it (its future completed), so a gateway that
 * dies mid-command gets it again; a copy of a command still in the outbox shares its outcome.
 */
final class OutboundListener {

    private final OutboundDelivery delivery;

    OutboundListener(
            MessageConverter converter, OutboundCommands commands, DeliveredIds delivered, TelegramMetrics metrics) {
        this.delivery = new OutboundDelivery(
                converter,
                delivered,
                metrics::outbound,
                (command, messageId) -> commands.handle(command).thenApply(done -> "delivered"));
    }

    @RabbitListener(
            id = "telegram-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('tg', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) {
        delivery.onMessage(message, channel);
    }
}
