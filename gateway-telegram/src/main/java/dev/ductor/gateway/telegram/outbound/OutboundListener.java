package dev.ductor.gateway.telegram.outbound;

import com.rabbitmq.client.Channel;
import dev.ductor.bus.BusHeaders;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import dev.ductor.state.DeliveredIds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Consumes this gateway's outbound queue with manual acks: a command is acked only once it is done
 * ({@link OutboundCommands}), so a gateway that dies mid-command gets it again; a {@code message-id}
 * already delivered is acked without effect; a message that is not a contract goes to the DLQ.
 */
final class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final MessageConverter converter;
    private final OutboundCommands commands;
    private final DeliveredIds delivered;
    private final TelegramMetrics metrics;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    OutboundListener(
            MessageConverter converter, OutboundCommands commands, DeliveredIds delivered, TelegramMetrics metrics) {
        this.converter = converter;
        this.commands = commands;
        this.delivered = delivered;
        this.metrics = metrics;
    }

    @RabbitListener(
            id = "telegram-outbound",
            queues = "#{ductorTopology.gatewayOutboundQueue('tg', '${ductor.agent:main}')}",
            ackMode = "MANUAL")
    void onMessage(Message message, Channel channel) {
        long tag = message.getMessageProperties().getDeliveryTag();
        String messageId = messageId(message);
        // In flight first, then delivered: completion adds to delivered before leaving inFlight, so checking
        // in this order a copy always sees the original in one of them.
        CompletableFuture<Void> original = messageId == null ? null : inFlight.get(messageId);
        if (original != null) {
            // the same command is still being carried out: this copy shares its outcome
            metrics.outbound(
                    String.valueOf(message.getMessageProperties().getHeaders().get(BusHeaders.TYPE)), "duplicate");
            original.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    ack(channel, tag);
                } else {
                    reject(channel, tag);
                }
            });
            return;
        }
        if (messageId != null && delivered.contains(messageId)) {
            metrics.outbound(
                    String.valueOf(message.getMessageProperties().getHeaders().get(BusHeaders.TYPE)), "duplicate");
            ack(channel, tag);
            return;
        }
        Contract contract;
        try {
            contract = (Contract) converter.fromMessage(message);
        } catch (MessageConversionException | ClassCastException e) {
            log.error("Rejecting outbound message {} to the DLQ: {}", messageId, e.getMessage());
            metrics.outbound("unknown", "malformed");
            reject(channel, tag);
            return;
        }
        String type = Contracts.typeOf(contract);
        try {
            CompletableFuture<Void> done = commands.handle(contract);
            if (messageId != null && !done.isDone()) {
                inFlight.put(messageId, done);
            }
            done.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.error("Outbound {} {} failed; leaving it to the DLQ", type, messageId, failure);
                    metrics.outbound(type, "failed");
                    reject(channel, tag);
                } else {
                    if (messageId != null) {
                        delivered.add(messageId); // before leaving inFlight: a copy always sees one of them
                    }
                    metrics.outbound(type, "delivered");
                    ack(channel, tag);
                }
                if (messageId != null) {
                    inFlight.remove(messageId, done);
                }
            });
        } catch (RuntimeException e) {
            log.error("Outbound {} {} cannot be handled; leaving it to the DLQ", type, messageId, e);
            metrics.outbound(type, "failed");
            reject(channel, tag);
        }
    }

    private static @Nullable String messageId(Message message) {
        Object header = message.getMessageProperties().getHeaders().get(BusHeaders.MESSAGE_ID);
        if (header != null) {
            return header.toString();
        }
        return message.getMessageProperties().getMessageId();
    }

    private static void ack(Channel channel, long tag) {
        try {
            channel.basicAck(tag, false);
        } catch (IOException | RuntimeException e) {
            log.warn("Ack of delivery {} failed ({}); the broker will redeliver it", tag, e.getMessage());
        }
    }

    private static void reject(Channel channel, long tag) {
        try {
            channel.basicReject(tag, false);
        } catch (IOException | RuntimeException e) {
            log.warn("Reject of delivery {} failed ({})", tag, e.getMessage());
        }
    }
}
