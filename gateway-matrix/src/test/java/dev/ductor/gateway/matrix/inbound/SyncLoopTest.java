package dev.ductor.gateway.matrix.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.gateway.matrix.FastProperties;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sync loop's handling of a batch (behaviour §9.1): poison events, and rooms in lanes of their own. */
class SyncLoopTest {

    @TempDir
    Path store;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final MatrixPort port = mock(MatrixPort.class);
    private final RoomEvents events = mock(RoomEvents.class);
    private final Bus bus = mock(Bus.class);

    @Test
    void anEventThatFailsTwiceIsSkippedAndTheBatchGoesOn() {
        InboundMessage fine = message("$fine");
        when(events.convert(eq("!r:test"), any())).thenAnswer(call -> {
            JsonNode event = call.getArgument(1);
            if (event.path("event_id").asString().equals("$poison")) {
                throw new IllegalStateException("cannot handle this one");
            }
            return Optional.of(new RoomEvents.Publication(fine, "mx:1:$fine", "message"));
        });

        SyncToken token = run("""
                {"next_batch":"s2","rooms":{"join":{"!r:test":{"timeline":{"events":[
                  {"event_id":"$poison","type":"m.room.message","sender":"@a:test","content":{}},
                  {"event_id":"$fine","type":"m.room.message","sender":"@a:test","content":{}}]}}}}}""");

        // the batch failed on the poison event once and was handled again: then it was skipped, the rest published
        verify(events, times(3)).convert(eq("!r:test"), any());
        verify(bus, times(1)).toOrchestrator(eq("mx"), eq("main"), eq(fine), anyString(), anyString());
        assertThat(token.load()).isEqualTo("s2");
    }

    @Test
    void aSlowRoomDoesNotHoldUpAnother() {
        CountDownLatch quickPublished = new CountDownLatch(1);
        List<String> published = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
                    published.add(call.getArgument(3));
                    quickPublished.countDown();
                    return null;
                })
                .when(bus)
                .toOrchestrator(eq("mx"), eq("main"), any(), anyString(), anyString());
        when(events.convert(anyString(), any())).thenAnswer(call -> {
            String eventId = call.<JsonNode>getArgument(1).path("event_id").asString();
            if (eventId.equals("$slow")
                    && !quickPublished.await(5, TimeUnit.SECONDS)) { // a download that takes its time
                throw new IllegalStateException("the other room waited for this one");
            }
            return Optional.of(new RoomEvents.Publication(message(eventId), "mx:" + eventId, "message"));
        });

        SyncToken token = run("""
                {"next_batch":"s2","rooms":{"join":{
                  "!slow:test":{"timeline":{"events":[
                    {"event_id":"$slow","type":"m.room.message","sender":"@a:test","content":{}},
                    {"event_id":"$after","type":"m.room.message","sender":"@a:test","content":{}}]}},
                  "!quick:test":{"timeline":{"events":[
                    {"event_id":"$quick","type":"m.room.message","sender":"@a:test","content":{}}]}}}}}""");

        assertThat(published).containsExactly("mx:$quick", "mx:$slow", "mx:$after");
        assertThat(token.load()).isEqualTo("s2");
    }

    /** Runs the loop from {@code s1} over {@code batch} until it saved the batch's position {@code s2}. */
    private SyncToken run(String batch) {
        when(port.sync(eq("s1"), anyLong())).thenReturn(mapper.readTree(batch));
        when(port.sync(eq("s2"), anyLong())).thenReturn(mapper.readTree("{\"next_batch\":\"s2\"}"));
        SyncToken token = new SyncToken(store);
        token.save("s1");
        SyncLoop loop = new SyncLoop(
                port,
                bus,
                mock(ConfigStore.class),
                events,
                new Rooms(store),
                mock(RoomSender.class),
                mock(JoinNotification.class),
                mock(dev.ductor.gateway.matrix.rooms.BroadcastRooms.class),
                token,
                new TimelineGaps(port, "@bot:test"),
                new MatrixMetrics(new SimpleMeterRegistry()),
                FastProperties.get(),
                "main");
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> "s2".equals(token.load()));
        } finally {
            loop.stop();
        }
        return token;
    }

    private static InboundMessage message(String eventId) {
        return new InboundMessage(
                new ChatRef("mx", "main", 1, null),
                "group",
                2,
                "a",
                eventId,
                "hello",
                null,
                true,
                Instant.EPOCH,
                "!r:test",
                "@a:test");
    }
}
