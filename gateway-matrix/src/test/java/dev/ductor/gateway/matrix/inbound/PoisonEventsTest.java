package dev.ductor.gateway.matrix.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.gateway.matrix.FastProperties;
import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.outbound.RoomSender;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An event whose handling throws twice is skipped with a log line; the rest of the batch goes on (behaviour §9.1). */
class PoisonEventsTest {

    @TempDir
    Path store;

    @Test
    void anEventThatFailsTwiceIsSkippedAndTheBatchGoesOn() {
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode batch = mapper.readTree("""
                {"next_batch":"s2","rooms":{"join":{"!r:test":{"timeline":{"events":[
                  {"event_id":"$poison","type":"m.room.message","sender":"@a:test","content":{}},
                  {"event_id":"$fine","type":"m.room.message","sender":"@a:test","content":{}}]}}}}}""");
        MatrixPort port = mock(MatrixPort.class);
        when(port.sync(eq("s1"), anyLong())).thenReturn(batch);
        when(port.sync(eq("s2"), anyLong())).thenReturn(mapper.readTree("{\"next_batch\":\"s2\"}"));
        InboundMessage fine = new InboundMessage(
                new ChatRef("mx", "main", 1, null),
                "group",
                2,
                "a",
                "$fine",
                "hello",
                null,
                true,
                Instant.EPOCH,
                "!r:test",
                "@a:test");
        RoomEvents events = mock(RoomEvents.class);
        when(events.convert(eq("!r:test"), any())).thenAnswer(call -> {
            JsonNode event = call.getArgument(1);
            if (event.path("event_id").asString().equals("$poison")) {
                throw new IllegalStateException("cannot handle this one");
            }
            return Optional.of(new RoomEvents.Publication(fine, "mx:1:$fine", "message"));
        });
        Bus bus = mock(Bus.class);
        SyncToken token = new SyncToken(store);
        token.save("s1");
        MatrixProperties properties = FastProperties.get();
        SyncLoop loop = new SyncLoop(
                port,
                bus,
                mock(ConfigStore.class),
                events,
                new Rooms(store),
                mock(RoomSender.class),
                token,
                new TimelineGaps(port, "@bot:test"),
                new MatrixMetrics(new SimpleMeterRegistry()),
                properties,
                "main");

        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> "s2".equals(token.load()));
        } finally {
            loop.stop();
        }

        // the batch failed on the poison event once and was handled again: then it was skipped, the rest published
        verify(events, times(3)).convert(eq("!r:test"), any());
        verify(bus, times(1)).toOrchestrator(eq("mx"), eq("main"), eq(fine), anyString(), anyString());
        assertThat(token.load()).isEqualTo("s2");
    }
}
