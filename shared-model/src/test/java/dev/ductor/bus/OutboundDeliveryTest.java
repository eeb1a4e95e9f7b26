package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.SendText;
import dev.ductor.state.DeliveredIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** docs/design.md "No message is ever lost": what every gateway does with its outbound queue's messages. */
class OutboundDeliveryTest {

    private static final ContractMessageConverter CONVERTER = new ContractMessageConverter(ContractJson.mapper());
    private static final SendText TEXT = new SendText("t", new ChatRef("tg", "main", 1, null), "hi", null, List.of());

    @TempDir
    Path state;

    private final Channel channel = mock(Channel.class);
    private final List<String> counted = new ArrayList<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private DeliveredIds delivered;

    @BeforeEach
    void setUp() {
        delivered = new DeliveredIds(state, 10);
    }

    private OutboundDelivery delivery(OutboundDelivery.Transport transport) {
        return new OutboundDelivery(
                CONVERTER, delivered, (type, outcome) -> counted.add(type + ":" + outcome), (c, id) -> {
                    deliveries.incrementAndGet();
                    return transport.deliver(c, id);
                });
    }

    private static Message message(Contract command, long tag, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryTag(tag);
        properties.setHeader(BusHeaders.MESSAGE_ID, messageId);
        return CONVERTER.toMessage(command, properties);
    }

    @Test
    void aDeliveredCommandIsAckedWithItsOutcomeAndACopyLaterIsAckedWithoutEffect() throws Exception {
        OutboundDelivery delivery = delivery((c, id) -> CompletableFuture.completedFuture("kept"));

        delivery.onMessage(message(TEXT, 1, "m-1"), channel);
        delivery.onMessage(message(TEXT, 2, "m-1"), channel);

        assertThat(deliveries).hasValue(1);
        verify(channel).basicAck(1, false);
        verify(channel).basicAck(2, false);
        assertThat(delivered.contains("m-1")).isTrue();
        assertThat(counted).containsExactly("SendText:kept", "SendText:duplicate");
    }

    @Test
    void aCopyOfACommandStillInFlightSharesItsOutcome() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        OutboundDelivery delivery = delivery((c, id) -> pending);

        delivery.onMessage(message(TEXT, 1, "m-2"), channel);
        delivery.onMessage(message(TEXT, 2, "m-2"), channel);
        verify(channel, never()).basicAck(anyLong(), anyBoolean());

        pending.completeExceptionally(new IllegalStateException("refused"));

        assertThat(deliveries).hasValue(1);
        verify(channel).basicReject(1, false);
        verify(channel).basicReject(2, false);
        assertThat(delivered.contains("m-2")).isFalse();
    }

    @Test
    void whatIsNoContractAndAFailedDeliveryGoToTheDlq() throws Exception {
        OutboundDelivery delivery = delivery((c, id) -> {
            throw new IllegalStateException("the platform refused it");
        });
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryTag(3);
        properties.setHeader(BusHeaders.TYPE, "NoSuchContract");

        delivery.onMessage(new Message("{}".getBytes(), properties), channel);
        delivery.onMessage(message(TEXT, 4, "m-4"), channel);

        verify(channel).basicReject(3, false);
        verify(channel).basicReject(4, false);
        verify(channel, never()).basicAck(anyLong(), anyBoolean());
        assertThat(counted).containsExactly("unknown:malformed", "SendText:failed");
    }

    @Test
    void aDeliveryCutShortByStoppingIsNeitherAckedNorRejected() throws Exception {
        OutboundDelivery delivery = delivery((c, id) -> {
            throw new OutboundDelivery.LeftUnacked("stopping");
        });

        delivery.onMessage(message(TEXT, 5, "m-5"), channel);

        verify(channel, never()).basicAck(anyLong(), anyBoolean());
        verify(channel, never()).basicReject(anyLong(), anyBoolean());
        verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
        assertThat(delivered.contains("m-5")).isFalse();
        assertThat(counted).containsExactly("SendText:left_unacked");
    }
}
