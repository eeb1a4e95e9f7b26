package dev.ductor.gateway.matrix.outbound;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.model.SendText;
import dev.ductor.state.DeliveredIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConverter;

/** A command whose send is cut short by the gateway stopping is neither acked nor rejected: it is redelivered. */
class OutboundListenerTest {

    @TempDir
    Path state;

    @Test
    void aCommandCutShortByStoppingIsLeftUnacked() throws Exception {
        SendText text = new SendText("r", new ChatRef("mx", "main", 1, null), "hello", null, List.of());
        MessageConverter converter = mock(MessageConverter.class);
        OutboundCommands commands = mock(OutboundCommands.class);
        Channel channel = mock(Channel.class);
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryTag(7);
        properties.setMessageId("m-1");
        Message message = new Message(new byte[0], properties);
        org.mockito.Mockito.when(converter.fromMessage(message)).thenReturn(text);
        doThrow(new RoomSender.Stopping("send")).when(commands).handle(text, "m-1");

        new OutboundListener(
                        converter, commands, new DeliveredIds(state, 10), new MatrixMetrics(new SimpleMeterRegistry()))
                .onMessage(message, channel);

        verify(channel, never()).basicAck(anyLong(), anyBoolean());
        verify(channel, never()).basicReject(anyLong(), anyBoolean());
        verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    }
}
