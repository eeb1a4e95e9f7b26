package dev.ductor.bus;

import com.rabbitmq.client.Channel;
import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import dev.ductor.state.DeliveredIds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * What every gateway does with a message of its outbound queue, consumed with manual acks (docs/design.md,
 * "No message is ever lost"); the gateway's listener hands each message here and supplies only the
 * delivery to its platform ({@link Transport}):
 *
 * <ul>
 *   <li>a {@code message-id} already carried out ({@link DeliveredIds}) is acked without effect; a copy of a
 *       command still being carried out shares that command's outcome;
 *   <li>what is not a contract goes to the DLQ;
 *   <li>a command is acked once its delivery completed, its id recorded first; a delivery that fails goes to
 *       the DLQ; one that ends in {@link LeftUnacked} (the gateway is stopping) is neither acked nor
 *       rejected, so the broker redelivers it when the channel closes.
 * </ul>
 *
 * Each outcome is counted through {@link Outcomes} as {@code (type, outcome)}: {@code duplicate}, {@code
 * malformed}, {@code failed}, {@code left_unacked}, or the label the delivery completed with.
 */
public final class OutboundDelivery {

    /** Carries out one command on the gateway's platform. */
    @FunctionalInterface
    public interface Transport {

        /**
         * Delivers {@code command} ({@code messageId} null for a message without one); completes with the
         * outcome to count ({@code delivered}, or a finer label), exceptionally when it failed. May also throw.
         */
        CompletableFuture<String> deliver(Contract command, @Nullable String messageId);
    }

    /** Where the outcomes are counted: the gateway's {@code outbound(type, outcome)} metric. */
    @FunctionalInterface
    public interface Outcomes {
        void count(String type, String outcome);
    }

    /** A delivery cut short because the gateway stops: the command stays unacked, for redelivery. */
    public static final class LeftUnacked extends RuntimeException {
        public LeftUnacked(String why) {
            super(why);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final MessageConverter converter;
    private final DeliveredIds delivered;
    private final Outcomes outcomes;
    private final Transport transport;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    public OutboundDelivery(
            MessageConverter converter, DeliveredIds delivered, Outcomes outcomes, Transport transport) {
        this.converter = converter;
        this.delivered = delivered;
        this.outcomes = outcomes;
        this.transport = transport;
    }

    /** Handles one delivery of the outbound queue and acks, rejects or leaves it as the rules above say. */
    public void onMessage(Message message, Channel channel) {
        long tag = message.getMessageProperties().getDeliveryTag();
        String messageId = messageId(message);
        // In flight first, then delivered: completion adds to delivered before leaving inFlight, so checking
        // in this order a copy always sees the original in one of them.
        CompletableFuture<String> original = messageId == null ? null : inFlight.get(messageId);
        if (original != null) {
            outcomes.count(declaredType(message), "duplicate");
            original.whenComplete((ignored, failure) -> settle(channel, tag, unwrapped(failure)));
            return;
        }
        if (messageId != null && delivered.contains(messageId)) {
            outcomes.count(declaredType(message), "duplicate");
            ack(channel, tag);
            return;
        }
        Contract command;
        try {
            command = (Contract) converter.fromMessage(message);
        } catch (MessageConversionException | ClassCastException e) {
            log.error("Rejecting outbound message {} to the DLQ: {}", messageId, e.getMessage());
            outcomes.count("unknown", "malformed");
            reject(channel, tag);
            return;
        }
        String type = Contracts.typeOf(command);
        CompletableFuture<String> done;
        try {
            done = transport.deliver(command, messageId);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        if (messageId != null && !done.isDone()) {
            inFlight.put(messageId, done);
        }
        CompletableFuture<String> delivery = done;
        delivery.whenComplete((outcome, failure) -> {
            Throwable cause = unwrapped(failure);
            if (cause == null) {
                if (messageId != null) {
                    delivered.add(messageId); // before leaving inFlight: a copy always sees one of them
                }
                outcomes.count(type, outcome == null ? "delivered" : outcome);
            } else if (cause instanceof LeftUnacked) {
                log.info("Outbound {} {} left for redelivery: {}", type, messageId, cause.getMessage());
                outcomes.count(type, "left_unacked");
            } else {
                log.error("Outbound {} {} failed; leaving it to the DLQ", type, messageId, cause);
                outcomes.count(type, "failed");
            }
            settle(channel, tag, cause);
            if (messageId != null) {
                inFlight.remove(messageId, delivery);
            }
        });
    }

    private static @Nullable Throwable unwrapped(@Nullable Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static void settle(Channel channel, long tag, @Nullable Throwable cause) {
        if (cause == null) {
            ack(channel, tag);
        } else if (!(cause instanceof LeftUnacked)) {
            reject(channel, tag);
        }
    }

    private static @Nullable String messageId(Message message) {
        Object header = message.getMessageProperties().getHeaders().get(BusHeaders.MESSAGE_ID);
        return header != null
                ? header.toString()
                : message.getMessageProperties().getMessageId();
    }

    private static String declaredType(Message message) {
        return String.valueOf(message.getMessageProperties().getHeaders().get(BusHeaders.TYPE));
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
