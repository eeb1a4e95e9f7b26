package dev.ductor.orchestrator.inbound;

import com.rabbitmq.client.Channel;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.TaskRequested;
import dev.ductor.model.TopicRenamed;
import dev.ductor.orchestrator.automation.Automation;
import dev.ductor.orchestrator.chats.ChangingMembership;
import dev.ductor.orchestrator.chats.ChatTracker;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.interagent.HandlingInterAgentAsks;
import dev.ductor.orchestrator.interagent.ReceivingInterAgentAnswers;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.task.HandlingTasks;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code orchestrator.inbound} with manual acks: a message is settled only when its turn was
 * handed on (or it was answered or dropped), never merely because it arrived. The prefetch bounds how
 * many messages may wait in chat queues at once. Decoding is done here, not by a listener adapter: a message
 * that cannot be read is rejected alone into the DLQ (the container's own rejection would nack every
 * earlier delivery on the channel — the messages waiting in chat queues — with it).
 */
@Component
class InboundListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundListener.class);

    private final MessageConverter converter;
    private final ReceivingMessage receiving;
    private final PressingButton pressingButton;
    private final ChangingMembership changingMembership;
    private final ChatTracker tracker;
    private final SessionStore sessions;
    private final Automation automation;
    private final HandlingTasks tasks;
    private final HandlingInterAgentAsks asks;
    private final ReceivingInterAgentAnswers answers;

    InboundListener(
            MessageConverter converter,
            ReceivingMessage receiving,
            PressingButton pressingButton,
            ChangingMembership changingMembership,
            ChatTracker tracker,
            SessionStore sessions,
            Automation automation,
            HandlingTasks tasks,
            HandlingInterAgentAsks asks,
            ReceivingInterAgentAnswers answers) {
        this.tasks = tasks;
        this.asks = asks;
        this.answers = answers;
        this.sessions = sessions;
        this.automation = automation;
        this.converter = converter;
        this.receiving = receiving;
        this.pressingButton = pressingButton;
        this.changingMembership = changingMembership;
        this.tracker = tracker;
    }

    /** Called by the container of {@link InboundConsumerConfiguration} with the raw delivery. */
    void onMessage(Message raw, Channel channel) {
        var acker = new ChannelAcker(channel, raw.getMessageProperties().getDeliveryTag());
        Object message;
        try {
            message = converter.fromMessage(raw);
        } catch (MessageConversionException e) {
            log.error(
                    "Rejecting unreadable inbound message {} to the DLQ: {}",
                    raw.getMessageProperties().getMessageId(),
                    e.getMessage());
            acker.reject();
            return;
        }
        try {
            switch (message) {
                case InboundMessage inbound -> receiving.receive(inbound, acker);
                case ButtonPressed press -> {
                    var answer = pressingButton.press(press);
                    if (answer.isPresent()) {
                        receiving.receiveButtonAnswer(answer.get(), acker);
                    } else {
                        acker.ack();
                    }
                }
                case ChatMembershipChanged change -> {
                    changingMembership.changed(change);
                    acker.ack();
                }
                case TaskRequested task -> tasks.receive(task, acker);
                case InterAgentAsk ask -> asks.receive(ask, acker);
                case InterAgentAnswer answer -> answers.receive(answer, acker);
                case TopicRenamed renamed -> {
                    tracker.topicRenamed(renamed.chat(), renamed.name());
                    sessions.nameTopic(renamed.chat(), renamed.name());
                    acker.ack();
                }
                default -> {
                    // CronFired, WebhookFired, HeartbeatTick: the automation package settles them itself.
                    if (!automation.receive(message, acker)) {
                        log.info(
                                "No handler for {}; acknowledged",
                                message.getClass().getSimpleName());
                        acker.ack();
                    }
                }
            }
        } catch (RuntimeException e) {
            // Settled here, not by the container (manual acks): back to the broker, whose delivery limit
            // sends a message that keeps failing to the DLQ instead of looping forever. (A no-op if the
            // handler settled it already.)
            log.error("Handling {} failed; requeued", message.getClass().getSimpleName(), e);
            acker.requeue();
        }
    }

    /**
     * Settles one delivery at most once. A channel that died meanwhile cannot take the ack; the broker
     * then redelivers the message, which the dedup window or the chat queue recognises: logged, not thrown.
     */
    private static final class ChannelAcker implements Acker {

        private final Channel channel;
        private final long tag;
        private final AtomicBoolean settled = new AtomicBoolean();

        ChannelAcker(Channel channel, long tag) {
            this.channel = channel;
            this.tag = tag;
        }

        @Override
        public void ack() {
            settle("ack", () -> channel.basicAck(tag, false));
        }

        @Override
        public void requeue() {
            settle("requeue", () -> channel.basicNack(tag, false, true));
        }

        void reject() {
            settle("reject", () -> channel.basicReject(tag, false));
        }

        private void settle(String how, IoAction action) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            try {
                action.run();
            } catch (IOException | RuntimeException e) {
                log.warn("Could not {} delivery {} ({}); the broker will redeliver it", how, tag, e.toString());
            }
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }
}
