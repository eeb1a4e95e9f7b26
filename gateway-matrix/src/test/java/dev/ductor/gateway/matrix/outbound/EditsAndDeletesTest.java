package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.SendText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's edits ({@code m.replace}) and deletes (redactions) of its texts (behaviour §9.7). */
class EditsAndDeletesTest {

    @TempDir
    Path dir;

    private final ScriptedPort port = new ScriptedPort();

    /** A gateway as after a restart: everything it knows is read from {@code dir}. */
    private OutboundCommands commands() {
        return port.commands(dir, () -> "{}");
    }

    private ChatRef chat;

    @BeforeEach
    void knownRoom() {
        chat = new ChatRef("mx", "main", new RoomIds(dir).chatId("!r:test"), null);
    }

    private ChatRef chat() {
        return chat;
    }

    @Test
    void anEditReplacesTheTextInPlaceAndItsOptionsBecomeTheRoomsActiveSetOnTheSameEvent() {
        commands()
                .handle(new SendText("sel", chat(), "Pick one", null, List.of(List.of(new Button("A", "m:a")))), "m-1");
        commands()
                .handle(
                        new EditText(
                                "sel",
                                chat(),
                                "Pick again",
                                List.of(List.of(new Button("B", "m:b"), new Button("C", "m:c")))),
                        "m-2");

        ScriptedPort.Sent edit = port.sent.get(2);
        assertThat(edit.txnId()).isEqualTo("m-2");
        assertThat(edit.content().path("m.relates_to").path("rel_type").asString())
                .isEqualTo("m.replace");
        assertThat(edit.content().path("m.relates_to").path("event_id").asString())
                .isEqualTo("$e1");
        assertThat(edit.content().path("m.new_content").path("body").asString())
                .isEqualTo("Pick again\n\n1\uFE0F\u20E3 B\n2\uFE0F\u20E3 C");
        assertThat(edit.content().path("body").asString()).startsWith("* Pick again");
        assertThat(edit.content().path("formatted_body").asString()).startsWith("* ");
        // 1️⃣ was already on the message: only 2️⃣ is added
        assertThat(port.sent.subList(3, port.sent.size()))
                .extracting(s -> s.content().path("m.relates_to").path("key").asString())
                .containsExactly("2\uFE0F\u20E3");
        assertThat(new ButtonSets(dir).byReaction("!r:test", "$e1", "2\uFE0F\u20E3"))
                .contains("m:c");
    }

    @Test
    void anEditWithoutOptionsRetiresTheSetAndADeleteRedactsEveryPartOnce() {
        commands().handle(new SendText("sel", chat(), "Pick", null, List.of(List.of(new Button("A", "m:a")))), "m-1");
        commands().handle(new EditText("sel", chat(), "Chose A", List.of()), "m-2");
        assertThat(new ButtonSets(dir).byNumber("!r:test", "1")).isEmpty();

        String longText = "line\n".repeat(20_000);
        commands().handle(new SendText("long", chat(), longText, null, List.of()), "m-3");
        int parts = port.sent.size() - 3;
        assertThat(parts).isGreaterThan(1);
        commands().handle(new DeleteMessage("long", chat()), "m-4");
        commands().handle(new DeleteMessage("long", chat()), "m-4"); // forgotten after the first: nothing again

        assertThat(port.sent.subList(3 + parts, port.sent.size()))
                .allSatisfy(s -> assertThat(s.type()).isEqualTo("m.room.redaction"))
                .extracting(s -> s.content().path("redacts").asString())
                .containsExactlyElementsOf(port.sent.subList(3, 3 + parts).stream()
                        .map(s -> "$e" + (port.sent.indexOf(s) + 1))
                        .toList());
    }

    @Test
    void anEditThatNoLongerFitsOneEventReplacesTheOldTextByRedactingItAndPostingTheNewOne() {
        commands().handle(new SendText("t", chat(), "short", null, List.of()), "m-1");
        commands().handle(new EditText("t", chat(), "line\n".repeat(20_000), List.of()), "m-2");

        assertThat(port.sent.get(1).type()).isEqualTo("m.room.redaction");
        assertThat(port.sent.get(1).content().path("redacts").asString()).isEqualTo("$e1");
        assertThat(port.sent.subList(2, port.sent.size()))
                .hasSizeGreaterThan(1)
                .allSatisfy(s -> assertThat(s.content().has("m.relates_to")).isFalse());
        // and the text is known by its new events: a delete removes those
        int before = port.sent.size();
        commands().handle(new DeleteMessage("t", chat()), "m-3");
        List<String> newEvents = java.util.stream.IntStream.rangeClosed(3, before)
                .mapToObj(n -> "$e" + n)
                .toList();
        assertThat(port.sent.subList(before, port.sent.size()))
                .extracting(s -> s.content().path("redacts").asString())
                .containsExactlyElementsOf(newEvents);
    }

    @Test
    void anEditOfATextNotRememberedIsPostedAnewInTheChatsRoom() {
        commands().handle(new EditText("old", chat(), "New text", List.of()), "m-9");

        assertThat(port.sent).singleElement().satisfies(s -> {
            assertThat(s.roomId()).isEqualTo("!r:test");
            assertThat(s.content().path("body").asString()).isEqualTo("New text");
            assertThat(s.content().has("m.relates_to")).isFalse();
        });
    }
}
