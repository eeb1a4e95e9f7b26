package dev.ductor.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FakeHomeserverTest {

    private final FakeHomeserver hs = FakeHomeserver.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final String bot = hs.registerUser("bot", "secret");
    private final String alice = hs.registerUser("alice", "pw");

    @AfterEach
    void close() {
        hs.close();
    }

    @Test
    void passwordLoginGivesATokenThatAuthenticates() throws Exception {
        JsonNode login = call("POST", "/_matrix/client/v3/login", null, """
                {"type":"m.login.password","identifier":{"type":"m.id.user","user":"bot"},"password":"secret"}""");
        assertThat(login.path("user_id").asString()).isEqualTo(bot);
        String token = login.path("access_token").asString();

        assertThat(call("GET", "/_matrix/client/v3/account/whoami", token, null)
                        .path("user_id")
                        .asString())
                .isEqualTo(bot);
        assertThat(status("GET", "/_matrix/client/v3/account/whoami", "nope", null))
                .isEqualTo(401);
        assertThat(status("POST", "/_matrix/client/v3/login", null, """
                {"type":"m.login.password","user":"bot","password":"wrong"}""")).isEqualTo(403);
    }

    @Test
    void invitesJoinsSyncAndIdempotentSends() throws Exception {
        String token = hs.issueToken(bot).accessToken();
        String room = hs.createRoom(alice, "Team", false);
        JsonNode first = call("GET", "/_matrix/client/v3/sync?timeout=0", token, null);
        assertThat(first.path("rooms").path("join").isEmpty()).isTrue();

        hs.invite(room, alice, bot);
        JsonNode invited = call(
                "GET",
                "/_matrix/client/v3/sync?timeout=0&since="
                        + first.path("next_batch").asString(),
                token,
                null);
        assertThat(invited.path("rooms").path("invite").has(room)).isTrue();

        call("POST", "/_matrix/client/v3/join/" + room, token, "{}");
        assertThat(hs.membership(room, bot)).isEqualTo("join");

        String since = invited.path("next_batch").asString();
        CompletableFuture<JsonNode> longPoll = CompletableFuture.supplyAsync(() -> {
            try {
                return call("GET", "/_matrix/client/v3/sync?timeout=5000&since=" + since, token, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String said = hs.userSends(room, alice, "hello");
        JsonNode events = longPoll.get()
                .path("rooms")
                .path("join")
                .path(room)
                .path("timeline")
                .path("events");
        assertThat(events.valueStream().map(e -> e.path("event_id").asString())).contains(said);

        String body = """
                {"msgtype":"m.text","body":"hi","format":"org.matrix.custom.html","formatted_body":"<b>hi</b>"}""";
        String a = call("PUT", "/_matrix/client/v3/rooms/" + room + "/send/m.room.message/t1", token, body)
                .path("event_id")
                .asString();
        String b = call("PUT", "/_matrix/client/v3/rooms/" + room + "/send/m.room.message/t1", token, body)
                .path("event_id")
                .asString();
        assertThat(a).isEqualTo(b);
        assertThat(hs.botMessages(room, bot)).hasSize(1);
        assertThat(status("PUT", "/_matrix/client/v3/rooms/" + room + "/send/m.room.message/t2", token, """
                {"body":"no msgtype"}"""))
                .isEqualTo(400);
        assertThat(status(
                        "PUT",
                        "/_matrix/client/v3/rooms/" + room + "/send/m.reaction/t3",
                        token,
                        "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"" + a
                                + "\",\"key\":\"1️⃣\"}}"))
                .isEqualTo(200);
    }

    @Test
    void rateLimitsOnDemandAndServesMedia() throws Exception {
        String token = hs.issueToken(bot).accessToken();
        hs.rateLimit("/sync", 1, 1234);
        HttpResponse<String> limited = send("GET", "/_matrix/client/v3/sync", token, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(mapper.readTree(limited.body()).path("retry_after_ms").asLong())
                .isEqualTo(1234);
        assertThat(status("GET", "/_matrix/client/v3/sync", token, null)).isEqualTo(200);

        String mxc = hs.storeMedia("data".getBytes(), "text/plain", "a.txt");
        String path = mxc.substring("mxc://".length());
        assertThat(send("GET", "/_matrix/client/v1/media/download/" + path, token, null)
                        .body())
                .isEqualTo("data");
        assertThat(status("GET", "/_matrix/client/v1/media/download/" + path, null, null))
                .isEqualTo(401);
        assertThat(send("GET", "/_matrix/media/v3/download/" + path, null, null).body())
                .isEqualTo("data");
        hs.awaitRequests("GET", "/media/", 3, Duration.ofSeconds(1));
    }

    @Test
    void aTimelineBeyondItsLimitIsLimitedAndTheGapIsPaginated() throws Exception {
        String token = hs.issueToken(bot).accessToken();
        String room = hs.createRoom(alice, "Busy", false);
        hs.invite(room, alice, bot);
        call("POST", "/_matrix/client/v3/rooms/" + room + "/join", token, "{}");
        String since = call("GET", "/_matrix/client/v3/sync?timeout=0", token, null)
                .path("next_batch")
                .asString();
        List<String> sent = hs.userSendsAll(
                room, alice, IntStream.range(0, 14).mapToObj(i -> "m" + i).toList());

        JsonNode timeline =
                timeline(call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, token, null), room);
        assertThat(timeline.path("limited").asBoolean()).isTrue();
        assertThat(ids(timeline.path("events"))).isEqualTo(sent.subList(4, 14));

        // back from prev_batch to the previous since, in pages
        String prev = timeline.path("prev_batch").asString();
        String messages = "/_matrix/client/v3/rooms/" + room + "/messages?dir=b&limit=3&to=" + since + "&from=";
        JsonNode page = call("GET", messages + prev, token, null);
        assertThat(ids(page.path("chunk"))).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        JsonNode last = call("GET", messages + page.path("end").asString(), token, null);
        assertThat(ids(last.path("chunk"))).containsExactly(sent.get(0));
        assertThat(last.has("end")).isFalse();
        String forwards = "/_matrix/client/v3/rooms/" + room + "/messages?dir=f&limit=2&from=" + since;
        assertThat(ids(call("GET", forwards, token, null).path("chunk"))).containsExactly(sent.get(0), sent.get(1));
        assertThat(status("GET", "/_matrix/client/v3/rooms/" + room + "/messages?from=" + prev, token, null))
                .as("dir is required")
                .isEqualTo(400);

        // a filter raises the limit: inline, or uploaded and named by its id
        String inline = URLEncoder.encode("{\"room\":{\"timeline\":{\"limit\":20}}}", StandardCharsets.UTF_8);
        JsonNode whole = timeline(
                call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since + "&filter=" + inline, token, null),
                room);
        assertThat(whole.path("limited").asBoolean()).isFalse();
        assertThat(ids(whole.path("events"))).isEqualTo(sent);
        String filterId = call(
                        "POST",
                        "/_matrix/client/v3/user/" + bot + "/filter",
                        token,
                        "{\"room\":{\"timeline\":{\"limit\":5}}}")
                .path("filter_id")
                .asString();
        JsonNode filtered = timeline(
                call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since + "&filter=" + filterId, token, null),
                room);
        assertThat(filtered.path("events").size()).isEqualTo(5);
        assertThat(status("GET", "/_matrix/client/v3/sync?timeout=0&filter=nope", token, null))
                .isEqualTo(400);
        assertThat(status("POST", "/_matrix/client/v3/user/" + alice + "/filter", token, "{}"))
                .isEqualTo(403);
    }

    @Test
    void outagesOnDemand() throws Exception {
        String login = """
                {"type":"m.login.password","identifier":{"type":"m.id.user","user":"bot"},"password":"secret"}""";
        hs.fail("/login", 1, 0);
        assertThatThrownBy(() -> send("POST", "/_matrix/client/v3/login", null, login))
                .isInstanceOf(IOException.class);
        hs.fail("/login", 1, 502);
        assertThat(status("POST", "/_matrix/client/v3/login", null, login)).isEqualTo(502);
        assertThat(status("POST", "/_matrix/client/v3/login", null, login)).isEqualTo(200);
        assertThat(hs.requests("POST", "/login"))
                .extracting(FakeHomeserver.Request::status)
                .containsExactly(0, 502, 200);
    }

    @Test
    void itRefusesWhatAHomeserverRefuses() throws Exception {
        String token = hs.issueToken(bot).accessToken();
        String room = hs.createRoom(alice, "Team", false);
        hs.invite(room, alice, bot);
        call("POST", "/_matrix/client/v3/join/" + room, token, "{}");
        String base = "/_matrix/client/v3/rooms/" + room;
        String said = hs.userSends(room, alice, "hello");

        // a transaction id again with other content: Synapse would drop the message silently, the fake says so
        call("PUT", base + "/send/m.room.message/t1", token, "{\"msgtype\":\"m.text\",\"body\":\"one\"}");
        assertThat(send("PUT", base + "/send/m.room.message/t1", token, "{\"msgtype\":\"m.text\",\"body\":\"two\"}")
                        .body())
                .contains("used before with other content");
        // the same id for another event type is another transaction
        assertThat(status("PUT", base + "/send/m.reaction/t1", token, reaction(said, "1️⃣")))
                .isEqualTo(200);
        assertThat(send("PUT", base + "/send/m.reaction/t2", token, reaction(said, "1️⃣"))
                        .body())
                .contains("M_DUPLICATE_ANNOTATION");
        assertThat(status("PUT", base + "/send/m.reaction/t3", token, reaction("$nowhere", "2️⃣")))
                .isEqualTo(400);

        // wrong methods on known endpoints
        assertThat(status("GET", base + "/send/m.room.message/t9", token, null)).isEqualTo(405);
        assertThat(status("POST", "/_matrix/client/v3/sync", token, "{}")).isEqualTo(405);
        assertThat(status("PUT", base + "/read_markers", token, "{}")).isEqualTo(405);
        assertThat(status("GET", base + "/nothing-here", token, null)).isEqualTo(404);

        // replies and threads: to events of this room only, no thread from an event with a relation
        String thread = "{\"msgtype\":\"m.text\",\"body\":\"in thread\",\"m.relates_to\":"
                + "{\"rel_type\":\"m.thread\",\"event_id\":\"%s\",\"m.in_reply_to\":{\"event_id\":\"%s\"}}}";
        String inThread = call("PUT", base + "/send/m.room.message/t4", token, thread.formatted(said, said))
                .path("event_id")
                .asString();
        assertThat(send("PUT", base + "/send/m.room.message/t5", token, thread.formatted(inThread, inThread))
                        .body())
                .contains("Cannot start threads from an event with a relation");
        String other = hs.createRoom(alice, "Other", false);
        String elsewhere = hs.userSends(other, alice, "elsewhere");
        assertThat(status("PUT", base + "/send/m.room.message/t6", token, thread.formatted(elsewhere, elsewhere)))
                .isEqualTo(400);
        assertThat(status(
                        "PUT",
                        base + "/send/m.room.message/t7",
                        token,
                        "{\"msgtype\":\"m.text\",\"body\":\"r\",\"m.relates_to\":{\"m.in_reply_to\":{}}}"))
                .isEqualTo(400);

        // edits: of the sender's own message, with an m.new_content message; shown after them, gone once redacted
        String edit = "{\"msgtype\":\"m.text\",\"body\":\"* %s\",\"m.new_content\":"
                + "{\"msgtype\":\"m.text\",\"body\":\"%s\"},"
                + "\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"%s\"}}";
        String own = call("PUT", base + "/send/m.room.message/e1", token, "{\"msgtype\":\"m.text\",\"body\":\"v1\"}")
                .path("event_id")
                .asString();
        String edited = call("PUT", base + "/send/m.room.message/e2", token, edit.formatted("v2", "v2", own))
                .path("event_id")
                .asString();
        assertThat(hs.shown(own)).isEqualTo("v2");
        assertThat(status("PUT", base + "/send/m.room.message/e3", token, edit.formatted("x", "x", said)))
                .as("another sender's message")
                .isEqualTo(400);
        assertThat(status("PUT", base + "/send/m.room.message/e4", token, edit.formatted("x", "x", edited)))
                .as("an edit")
                .isEqualTo(400);
        assertThat(status(
                        "PUT",
                        base + "/send/m.room.message/e5",
                        token,
                        "{\"msgtype\":\"m.text\",\"body\":\"* x\",\"m.relates_to\":{\"rel_type\":\"m.replace\","
                                + "\"event_id\":\"" + own + "\"}}"))
                .as("no m.new_content")
                .isEqualTo(400);
        call("PUT", base + "/redact/" + own + "/x1", token, "{}");
        assertThat(hs.shown(own)).isEmpty();

        // state needs power level 50: the invited bot has 0 until it is given more
        String pin = "{\"pinned\":[\"" + said + "\"]}";
        assertThat(status("PUT", base + "/state/m.room.pinned_events/", token, pin))
                .isEqualTo(403);
        hs.setPowerLevel(room, bot, 50);
        assertThat(status("PUT", base + "/state/m.room.pinned_events/", token, pin))
                .isEqualTo(200);
        assertThat(hs.pinned(room)).containsExactly(said);

        // read markers name events of the room
        assertThat(status("POST", base + "/read_markers", token, "{\"m.read\":\"" + elsewhere + "\"}"))
                .isEqualTo(400);
        assertThat(status("POST", base + "/read_markers", token, "{\"m.read\":\"" + said + "\"}"))
                .isEqualTo(200);
        assertThat(hs.readMarker(room, bot)).contains(said);
    }

    private static String reaction(String eventId, String key) {
        return "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"" + eventId + "\",\"key\":\"" + key
                + "\"}}";
    }

    private static JsonNode timeline(JsonNode sync, String room) {
        return sync.path("rooms").path("join").path(room).path("timeline");
    }

    private static List<String> ids(JsonNode events) {
        return events.valueStream().map(e -> e.path("event_id").asString()).toList();
    }

    private JsonNode call(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private int status(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hs.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
