package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ductor.gateway.matrix.TestConfig;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.model.ChatRef;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Answers as replies and in threads (behaviour §9.7), and texts for everyone (§9.8). */
class RepliesAndBroadcastsTest {

    @TempDir
    Path dir;

    private final ScriptedPort port = new ScriptedPort();
    private String config = "{}";

    private OutboundCommands commands() {
        return port.commands(dir, () -> config);
    }

    private ChatRef chat(String room) {
        return new ChatRef("mx", "main", new RoomIds(dir).chatId(room), null);
    }

    @Test
    void aTextWithReplyToIsAReplyAndAStreamRepliesWithItsFirstMessageOnly() {
        ChatRef chat = chat("!r:test");
        OutboundCommands commands = commands();
        commands.handle(new SendText("t1", chat, "done", "$user1", List.of()), "m-1");
        String text = "p".repeat(900) + "\n\nrest";
        commands.handle(new StreamOpen("s1", chat, "$user2"), "s1:open");
        commands.handle(new StreamAppend("s1", chat, 1, 0, text), "s1:1");
        // a restarted gateway goes on with what it kept of the stream
        OutboundCommands restarted = commands();
        restarted.handle(new StreamClose("s1", chat, text, List.of(), true), "s1:close");

        assertThat(port.sent)
                .extracting(
                        s -> relation(s).path("m.in_reply_to").path("event_id").asString(null))
                .containsExactly("$user1", "$user2", null);
        assertThat(port.sent).extracting(s -> relation(s).has("rel_type")).containsOnly(false);
    }

    @Test
    void theAnswerToAMessageInAThreadStaysInThatThreadEvenAfterARestart() {
        new Threads(dir).record("$inThread", "$root");
        ChatRef chat = chat("!r:test");
        OutboundCommands commands = commands();
        commands.handle(new StreamOpen("s2", chat, "$inThread"), "s2:open");
        commands.handle(new StreamAppend("s2", chat, 1, 0, "first part"), "s2:1");
        commands.handle(new StreamStatus("s2", chat, 2, "tool", "Bash"), "s2:st");
        commands().handle(new StreamClose("s2", chat, "first part\n\nsecond part", List.of(), true), "s2:close");

        assertThat(port.sent).hasSize(2);
        assertThat(port.sent).allSatisfy(s -> {
            assertThat(relation(s).path("rel_type").asString()).isEqualTo("m.thread");
            assertThat(relation(s).path("event_id").asString()).isEqualTo("$root");
            assertThat(relation(s).path("m.in_reply_to").path("event_id").asString())
                    .isEqualTo("$inThread");
        });
        assertThat(port.sent)
                .extracting(s -> relation(s).path("is_falling_back").asBoolean())
                .containsExactly(false, true);
        // the bot's own messages are known to be in the thread too: a reply to one stays there
        assertThat(new Threads(dir).root("$e2")).contains("$root");
    }

    @Test
    void aBroadcastGoesToEveryAllowedRoomAndOneThatRefusesOrAnAliasIsSkipped() {
        config = """
                {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                            "allowed_rooms": ["!a:test", "!gone:test", "#alias:test", "!b:test"]}}""";
        port.refusing("!gone:test");
        commands()
                .handle(
                        new SendText("cron", ChatRef.broadcast("mx", "main"), "**TASK: x**", null, List.of()),
                        "run:result");
        commands()
                .handle(
                        new SendText("cron", ChatRef.broadcast("mx", "main"), "**TASK: x**", null, List.of()),
                        "run:result");

        assertThat(port.sent)
                .extracting(ScriptedPort.Sent::roomId)
                .containsExactly("!a:test", "!b:test", "!a:test", "!b:test");
        // under the same transaction id per room each time: a redelivered broadcast shows once
        assertThat(port.sent.subList(0, 2))
                .extracting(ScriptedPort.Sent::txnId)
                .containsExactlyElementsOf(port.sent.subList(2, 4).stream()
                        .map(ScriptedPort.Sent::txnId)
                        .toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void anEditOfABroadcastReplacesItsCopyInEachRoomAndADeleteRedactsThemAlsoAfterARestart() {
        config = """
                {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                            "allowed_rooms": ["!a:test", "!b:test"]}}""";
        ChatRef everyone = ChatRef.broadcast("mx", "main");
        commands().handle(new SendText("notice", everyone, "Update available", null, List.of()), "m-1");
        commands().handle(new EditText("notice", everyone, "Update installed", List.of()), "m-2");

        assertThat(port.sent.subList(2, 4))
                .extracting(
                        ScriptedPort.Sent::roomId,
                        s -> s.content().path("m.relates_to").path("rel_type").asString(),
                        s -> s.content().path("m.relates_to").path("event_id").asString(),
                        s -> s.content().path("m.new_content").path("body").asString())
                .containsExactly(
                        tuple("!a:test", "m.replace", "$e1", "Update installed"),
                        tuple("!b:test", "m.replace", "$e2", "Update installed"));
        assertThat(port.sent.subList(2, 4)).extracting(ScriptedPort.Sent::txnId).doesNotHaveDuplicates();

        commands().handle(new DeleteMessage("notice", everyone), "m-3");
        assertThat(port.sent.subList(4, port.sent.size()))
                .extracting(
                        ScriptedPort.Sent::roomId,
                        ScriptedPort.Sent::type,
                        s -> s.content().path("redacts").asString())
                .containsExactly(
                        tuple("!a:test", "m.room.redaction", "$e1"), tuple("!b:test", "m.room.redaction", "$e2"));
    }

    @Test
    void anEditOfABroadcastNotRememberedIsPostedAnewInEachBroadcastRoom() {
        config = """
                {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                            "allowed_rooms": ["!a:test", "!b:test"]}}""";
        commands().handle(new EditText("older", ChatRef.broadcast("mx", "main"), "Changed", List.of()), "m-1");

        assertThat(port.sent)
                .extracting(
                        ScriptedPort.Sent::roomId, s -> s.content().path("body").asString())
                .containsExactly(tuple("!a:test", "Changed"), tuple("!b:test", "Changed"));
    }

    @Test
    void aTextForAChatIdNoRoomIsKnownForIsBroadcastInstead() {
        config = """
                {"matrix": {"homeserver": "http://hs", "user_id": "@bot:test",
                            "allowed_rooms": ["!a:test", "!b:test"]}}""";
        commands().handle(new SendText("r", new ChatRef("mx", "main", 4242, null), "result", null, List.of()), "m-1");

        assertThat(port.sent).extracting(ScriptedPort.Sent::roomId).containsExactly("!a:test", "!b:test");
        assertThat(port.sent)
                .extracting(s -> s.content().path("body").asString())
                .containsOnly("result");
    }

    @Test
    void withoutAllowedRoomsABroadcastGoesToTheLastActiveRoom() {
        Rooms rooms = new Rooms(dir);
        rooms.update("!group:test", joined(5));
        rooms.update("!dm:test", joined(2));
        BroadcastRooms broadcast = new BroadcastRooms(() -> TestConfig.of(dir, config), rooms, dir);
        assertThat(broadcast.rooms()).as("before any activity: the first DM").containsExactly("!dm:test");

        broadcast.active("!group:test");
        assertThat(new BroadcastRooms(() -> TestConfig.of(dir, config), new Rooms(dir), dir).rooms())
                .as("kept across a restart")
                .containsExactly("!group:test");

        new Rooms(dir).left("!group:test");
        assertThat(new BroadcastRooms(() -> TestConfig.of(dir, config), new Rooms(dir), dir).rooms())
                .as("a room the bot left is no target")
                .containsExactly("!dm:test");
    }

    private static JsonNode joined(int members) {
        return JsonMapper.builder().build().readTree("{\"summary\":{\"m.joined_member_count\":" + members + "}}");
    }

    private static JsonNode relation(ScriptedPort.Sent sent) {
        return sent.content().path("m.relates_to");
    }
}
