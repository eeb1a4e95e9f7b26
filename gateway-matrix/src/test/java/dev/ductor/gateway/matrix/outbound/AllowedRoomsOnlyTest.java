package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defence in depth (behaviour §9.3, §9.8): with {@code matrix.allowed_rooms} set, the outbound side sends nothing
 * to a room outside it, also when the room was allowed when the conversation began.
 */
class AllowedRoomsOnlyTest {

    private static final String BOTH = """
            {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                        "allowed_rooms": ["!a:test", "!b:test"]}}""";
    private static final String ONLY_A = """
            {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                        "allowed_rooms": ["!a:test"]}}""";

    @TempDir
    Path dir;

    private final ScriptedPort port = new ScriptedPort();
    private volatile String config = BOTH;

    private OutboundCommands commands() {
        return port.commands(dir, () -> config);
    }

    private ChatRef chat(String room) {
        return new ChatRef("mx", "main", new RoomIds(dir).chatId(room), null);
    }

    @Test
    void aRoomRemovedFromAllowedRoomsGetsNothingMoreWhileTheStillAllowedOnesDo() throws Exception {
        ChatRef b = chat("!b:test");
        ChatRef everyone = ChatRef.broadcast("mx", "main");
        OutboundCommands commands = commands();
        commands.handle(new SendText("notice", everyone, "Update available", null, List.of()), "m-1");
        commands.handle(new SendText("t1", b, "an answer", "$user1", List.of()), "m-2");
        commands.handle(new StreamOpen("s1", b, "$user2"), "s1:open");
        commands.handle(new StreamAppend("s1", b, 1, 0, "p".repeat(900) + "\n\nmore"), "s1:1");
        assertThat(port.sent)
                .extracting(ScriptedPort.Sent::roomId)
                .containsExactly("!a:test", "!b:test", "!b:test", "!b:test");
        int before = port.sent.size();

        config = ONLY_A;
        Files.writeString(dir.resolve("report.txt"), "secret of room b");
        commands.handle(new StreamStatus("s1", b, 2, "tool", "Bash"), "s1:st");
        commands.handle(new StreamAppend("s1", b, 3, 906, " and more text"), "s1:3");
        commands.handle(new StreamClose("s1", b, "the whole answer <file:report.txt>", List.of(), true), "s1:close");
        commands.handle(new SendText("t2", b, "the next answer", "$user3", List.of()), "m-3");
        commands.handle(new SendFile("f1", b, "report.txt", null, null), "m-4");
        commands.handle(new ChatAction(b, "typing"), "m-5");
        commands.handle(new EditText("t1", b, "an edited answer", List.of()), "m-6");
        commands.handle(new DeleteMessage("t1", b), "m-7");
        commands.handle(new EditText("notice", everyone, "Update installed", List.of()), "m-8");
        commands.handle(
                new SendText(
                        "cron",
                        b,
                        "a result",
                        null,
                        List.of(),
                        new SendText.Fallback(chat("!a:test"), "Cron delivery failed")),
                "m-9");

        assertThat(port.sent.subList(before, port.sent.size()))
                .extracting(
                        ScriptedPort.Sent::roomId,
                        s -> s.content().path("m.relates_to").path("rel_type").asString(""),
                        s -> s.content().path("body").asString())
                .containsExactly(
                        tuple("!a:test", "m.replace", "* Update installed"),
                        tuple("!a:test", "", "Cron delivery failed"));
        assertThat(new Streams(dir).progress("s1"))
                .as("the stream whose close was not posted is not kept")
                .isEqualTo(new Streams.Progress(0, 0, ""));
    }
}
