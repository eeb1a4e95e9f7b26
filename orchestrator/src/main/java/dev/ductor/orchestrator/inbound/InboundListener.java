package dev.ductor.orchestrator.inbound;

import com.rabbitmq.client.Channel;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.TopicRenamed;
import dev.ductor.orchestrator.chats.ChangingMembership;
import dev.ductor.orchestrator.chats.ChatTracker;
import dev.ductor.orchestrator.conversation.Acker;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code orchestrator.inbound} with manual acks: a message is settled only when its turn was
 * handed on (or it was answered or dropped), never merely because it arrived. The prefetch bounds how
 * many messages may wait in chat queues at once.
 */
@Component
@RabbitListener(
        queues = "#{ductorTopology.orchestratorInboundQueue()}",
        ackMode = "MANUAL",
        concurrency = "1",
        containerFactory = "rabbitListenerContainerFactory")
class InboundListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundListener.class);

    private final ReceivingMessage receiving;
    private final PressingButton pressingButton;
    private final ChangingMembership changingMembership;
    private final ChatTracker tracker;

    InboundListener(
            ReceivingMessage receiving,
            PressingButton pressingButton,
            ChangingMembership changingMembership,
            ChatTracker tracker) {
        this.receiving = receiving;
        this.pressingButton = pressingButton;
        this.changingMembership = changingMembership;
        this.tracker = tracker;
    }

    @RabbitHandler
    void on(ChatMembershipChanged change, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) {
        Acker acker = new ChannelAcker(channel, tag);
        try {
            changingMembership.changed(change);
            acker.ack();
        } catch (RuntimeException e) {
            log.error(
                    "Handling membership change of {} failed; requeued",
                    change.chat().chatId(),
                    e);
            acker.requeue();
        }
    }

    @RabbitHandler
    void on(TopicRenamed renamed, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) throws IOException {
        tracker.topicRenamed(renamed.chat(), renamed.name());
        channel.basicAck(tag, false);
    }

    @RabbitHandler
    void on(ButtonPressed press, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) {
        Acker acker = new ChannelAcker(channel, tag);
        try {
            pressingButton.press(press);
            acker.ack();
        } catch (RuntimeException e) {
            log.error("Handling button {} failed; requeued", press.data(), e);
            acker.requeue();
        }
    }

    @RabbitHandler
    void on(InboundMessage message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) {
        Acker acker = new ChannelAcker(channel, tag);
        try {
            receiving.receive(message, acker);
        } catch (RuntimeException e) {
            // Settled here, not by the container (manual acks): back to the broker, whose delivery limit
            // sends a message that keeps failing to the DLQ instead of looping forever.
            log.error("Handling message {} failed; requeued", message.transportMessageId(), e);
            acker.requeue();
        }
    }

    @RabbitHandler(isDefault = true)
    void other(Object message, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long tag) throws IOException {
        // WebhookFired, CronFired, HeartbeatTick: their
        // features come with their own issues; until then they are acknowledged and logged, not lost silently.
        log.info("No handler yet for {}; acknowledged", message.getClass().getSimpleName());
        channel.basicAck(tag, false);
    }

    private record ChannelAcker(Channel channel, long tag) implements Acker {
        @Override
        public void ack() {
            try {
                channel.basicAck(tag, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void requeue() {
            try {
                channel.basicNack(tag, false, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
