package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.matrix.TestConfig;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.model.ChatRef;
import dev.ductor.model.StreamAppend;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment streaming's bookkeeping (behaviour §9.5). */
class StreamSegmentsTest {

    @TempDir
    Path dir;

    @Test
    void anAppendThatPostsASegmentWritesTheStreamStateOnce() {
        ScriptedPort port = new ScriptedPort();
        RoomSender sender = port.sender(dir);
        RoomIds roomIds = new RoomIds(dir);
        ChatRef chat = new ChatRef("mx", "main", roomIds.chatId("!room:test"), null);
        Streams streams = new Streams(dir);
        OutboundCommands commands = new OutboundCommands(
                port,
                sender,
                roomIds,
                () -> TestConfig.of(dir, "{}"),
                new BroadcastRooms(() -> TestConfig.of(dir, "{}"), new Rooms(dir), dir),
                streams,
                new PostedMessages(dir),
                new SendableFiles(() -> "workspace", dir, dir, dir),
                dir);
        String text = "p".repeat(900) + "\n\nmore";

        commands.handle(new StreamAppend("s1", chat, 1, 0, text), "s1:1");

        assertThat(port.sent)
                .singleElement()
                .satisfies(s -> assertThat(s.txnId()).isEqualTo("s1:0"));
        assertThat(streams.saves()).isEqualTo(1);
        assertThat(new Streams(dir).progress("s1")).isEqualTo(new Streams.Progress(902, 1, text));
    }
}
