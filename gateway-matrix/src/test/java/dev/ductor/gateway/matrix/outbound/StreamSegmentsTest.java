package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatRef;
import dev.ductor.model.StreamAppend;
import dev.ductor.workspace.SendableFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Segment streaming's bookkeeping (behaviour §9.5). */
class StreamSegmentsTest {

    @TempDir
    Path dir;

    @Test
    void anAppendThatPostsASegmentWritesTheStreamStateOnce() {
        ScriptedPort port = new ScriptedPort();
        MatrixProperties properties = new MatrixProperties(
                Duration.ofSeconds(1), 100, Duration.ofMillis(1), Duration.ofMillis(2), DataSize.ofMegabytes(1), 100);
        RoomSender sender =
                new RoomSender(port, new ButtonSets(dir), new MatrixMetrics(new SimpleMeterRegistry()), properties);
        RoomIds roomIds = new RoomIds(dir);
        ChatRef chat = new ChatRef("mx", "main", roomIds.chatId("!room:test"), null);
        Streams streams = new Streams(dir);
        OutboundCommands commands = new OutboundCommands(
                port, sender, roomIds, streams, new SendableFiles(() -> "workspace", dir, dir, dir), dir);
        String text = "p".repeat(900) + "\n\nmore";

        commands.handle(new StreamAppend("s1", chat, 1, 0, text), "s1:1");

        assertThat(port.sent)
                .singleElement()
                .satisfies(s -> assertThat(s.txnId()).isEqualTo("s1:0"));
        assertThat(streams.saves()).isEqualTo(1);
        assertThat(new Streams(dir).progress("s1")).isEqualTo(new Streams.Progress(902, 1, text));
    }
}
