package dev.ductor.gateway.matrix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The calls the gateway makes, through its own {@link HttpMatrixPort}, against a homeserver: testkit's fake
 * ({@link FakeHomeserverContractIT}) and a real one when it is there ({@link RealHomeserverContractIT}), so the
 * fake is held to what a real homeserver answers (behaviour §9). A person (another account) makes a room with
 * the bot invited and power level 50, and writes in it; the bot logs in, syncs, joins, reads, sends (a
 * transaction id twice shows once), reacts (the same reaction twice is refused), answers in a thread (a thread
 * from an event with a relation is refused), pins, marks read, types, uploads and downloads, and leaves.
 */
abstract class HomeserverContract {

    /** The person's side of the room, on the homeserver under test. */
    interface Person {
        /** Creates a room inviting {@code bot} with power level 50; returns its id. */
        String createRoomInviting(String bot);

        /** Writes {@code body} in the room; returns the event id. */
        String says(String roomId, String body);
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    abstract String homeserver();

    abstract String botUser();

    abstract String botPassword();

    abstract Person person();

    @Test
    void theGatewaysCallsAreAnsweredAsTheGatewayExpects() {
        HttpMatrixPort port = new HttpMatrixPort(homeserver(), new MatrixMetrics(new SimpleMeterRegistry()), 100);
        port.authenticate(port.passwordLogin(botUser(), botPassword(), null));
        String bot = port.userId();
        assertThat(bot).startsWith("@");
        String since = port.initialSync().path("next_batch").asString();

        String room = person().createRoomInviting(bot);
        SyncPoint invited =
                syncUntil(port, since, sync -> sync.path("rooms").path("invite").has(room));
        port.join(room);
        String said = person().says(room, "hello bot");
        SyncPoint read = syncUntil(
                port,
                invited.next(),
                sync -> events(sync, room).stream()
                        .anyMatch(e -> e.path("event_id").asString().equals(said)
                                && e.path("content").path("body").asString().equals("hello bot")));

        // a transaction id sent again shows once
        String txn = "contract-" + Instant.now().toEpochMilli();
        String first = port.send(room, "m.room.message", txn, text("once"));
        assertThat(port.send(room, "m.room.message", txn, text("once"))).isEqualTo(first);

        // a reaction, then the same reaction again under another transaction: refused
        port.send(room, "m.reaction", txn + ":r", reaction(said, "1\uFE0F\u20E3"));
        assertThatThrownBy(() -> port.send(room, "m.reaction", txn + ":r2", reaction(said, "1\uFE0F\u20E3")))
                .isInstanceOfSatisfying(MatrixException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errcode()).isEqualTo("M_DUPLICATE_ANNOTATION");
                });

        // an answer in a thread, and a thread that cannot start from an event with a relation
        String inThread = port.send(room, "m.room.message", txn + ":t", threaded("in the thread", said, false));
        assertThatThrownBy(() -> port.send(room, "m.room.message", txn + ":t2", threaded("nested", inThread, false)))
                .isInstanceOfSatisfying(
                        MatrixException.class, e -> assertThat(e.status()).isEqualTo(400));
        ObjectNode reply = text("a reply");
        reply.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", said);
        port.send(room, "m.room.message", txn + ":reply", reply);

        // an edit of the bot's own message (m.replace with m.new_content), and a redaction, once per txn id
        ObjectNode edit = text("* edited");
        edit.set("m.new_content", text("edited"));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", first);
        assertThat(port.send(room, "m.room.message", txn + ":edit", edit)).startsWith("$");
        String redaction = port.redact(room, inThread, txn + ":x");
        assertThat(redaction).startsWith("$");
        assertThat(port.redact(room, inThread, txn + ":x")).isEqualTo(redaction);

        // a pin (the bot has power level 50 here), a read marker, typing
        ObjectNode pinned = mapper.createObjectNode();
        pinned.putArray("pinned").add(first);
        assertThat(port.putState(room, "m.room.pinned_events", "", pinned)).startsWith("$");
        port.readMarkers(room, said);
        port.typing(room, true, 30_000);
        port.typing(room, false, 0);

        // media both ways
        byte[] bytes = "contract bytes".getBytes();
        String mxc = port.upload(bytes, "text/plain", "contract.txt");
        assertThat(port.download(mxc, 1_000)).isEqualTo(bytes);
        assertThatThrownBy(() -> port.download(mxc, 3))
                .isInstanceOfSatisfying(
                        MatrixException.class, e -> assertThat(e.status()).isEqualTo(413));

        // what the bot sent reads back through sync, and the earlier events through /messages
        syncUntil(
                port,
                read.next(),
                sync -> events(sync, room).stream()
                        .anyMatch(e -> e.path("content").path("body").asString().equals("a reply")));
        JsonNode back = port.messagesBefore(room, read.next(), invited.next(), 50);
        assertThat(back.path("chunk").valueStream().map(e -> e.path("event_id").asString()))
                .contains(said);

        port.leave(room);
        assertThatThrownBy(() -> port.send(room, "m.room.message", txn + ":gone", text("gone")))
                .isInstanceOfSatisfying(
                        MatrixException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    private record SyncPoint(String next, JsonNode sync) {}

    private static SyncPoint syncUntil(HttpMatrixPort port, String since, Function<JsonNode, Boolean> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String at = since;
        while (Instant.now().isBefore(deadline)) {
            JsonNode sync = port.sync(at, 1_000);
            at = sync.path("next_batch").asString();
            if (done.apply(sync)) {
                return new SyncPoint(at, sync);
            }
        }
        throw new AssertionError("the homeserver did not sync what was expected within 30 s");
    }

    private static java.util.List<JsonNode> events(JsonNode sync, String room) {
        return Optional.of(sync.path("rooms")
                        .path("join")
                        .path(room)
                        .path("timeline")
                        .path("events"))
                .map(node -> node.valueStream().toList())
                .orElseThrow();
    }

    private ObjectNode text(String body) {
        return mapper.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    private ObjectNode reaction(String eventId, String key) {
        ObjectNode content = mapper.createObjectNode();
        content.putObject("m.relates_to")
                .put("rel_type", "m.annotation")
                .put("event_id", eventId)
                .put("key", key);
        return content;
    }

    private ObjectNode threaded(String body, String root, boolean fallingBack) {
        ObjectNode content = text(body);
        content.putObject("m.relates_to")
                .put("rel_type", "m.thread")
                .put("event_id", root)
                .put("is_falling_back", fallingBack)
                .putObject("m.in_reply_to")
                .put("event_id", root);
        return content;
    }
}
