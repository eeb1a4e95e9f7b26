package dev.ductor.gateway.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.Topology;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.matrix.FakeHomeserver;
import dev.ductor.testkit.telegram.BombPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against a real RabbitMQ ({@link TestBroker}) and the {@link FakeHomeserver}: login and its
 * persisted credentials, invites (scenario 86), messages and strangers, buttons by reaction and by number
 * (scenario 85), segment streaming with Markdown and a file, an incoming file, an encrypted room, and a
 * rate-limited send shown once.
 */
class MatrixGatewayIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final String NAMESPACE = TestBroker.newNamespace();

    private static FakeHomeserver hs;
    private static String bot;
    private static String alice;
    private static String mallory;
    private static Path home;
    private static ConfigurableApplicationContext context;
    private static Bus bus;
    private static Topology topology;
    private static String room;
    private static String encryptedRoom;

    @BeforeAll
    static void start() throws IOException {
        hs = FakeHomeserver.start();
        bot = hs.registerUser("ductor", "bot-password");
        alice = hs.registerUser("alice", "a");
        mallory = hs.registerUser("mallory", "m");
        room = hs.createRoom(alice, "Work", false);
        encryptedRoom = hs.createRoom(alice, null, true);
        home = Files.createTempDirectory("ductor-matrix-it");
        Files.writeString(home.resolve("JOIN_NOTIFICATION.md"), "  **House rules:** be kind.\n");
        hs.setPowerLevel(room, bot, 50); // may pin in Alice's room; not in the encrypted one
        hs.setDisplayName(room, alice, "Alice Liddell");
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("workspace"));
        Files.writeString(
                home.resolve("config/config.json"), """
                {"allowed_user_ids": [], "group_mention_only": false, "scene": {"seen_reaction": true},
                 "matrix": {"homeserver": "%s", "user_id": "%s", "password": "bot-password",
                            "allowed_rooms": ["%s", "%s"], "allowed_users": ["%s"]}}
                """.formatted(hs.baseUrl(), bot, room, encryptedRoom, alice));
        context = new SpringApplicationBuilder(MatrixGatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "ductor.home=" + home,
                        "ductor.agent=main",
                        "ductor.matrix.sync-timeout=1s",
                        "ductor.matrix.min-backoff=50ms",
                        "ductor.matrix.max-backoff=200ms",
                        "ductor.matrix.timeline-limit=5")
                .properties(Map.<String, Object>copyOf(BROKER.springProperties(NAMESPACE)))
                .run();
        bus = context.getBean(Bus.class);
        topology = context.getBean(Topology.class);
        hs.invite(room, alice, bot);
        await().atMost(Duration.ofSeconds(10)).until(() -> "join".equals(hs.membership(room, bot)));
    }

    @AfterAll
    static void stop() throws IOException {
        if (context != null) {
            context.close();
        }
        if (hs != null) {
            hs.close();
        }
        BROKER.deleteNamespace(NAMESPACE, List.of("mx.main"));
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theLoginIsPersistedPrivately() throws IOException {
        Path credentials = home.resolve("matrix_store/credentials.json");
        assertThat(Files.readString(credentials)).contains(bot).contains("device_id");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        assertThat(hs.logins()).isEqualTo(1);
    }

    @Test
    void anInviteToARoomNotAllowedIsAnsweredAndLeft() {
        String other = hs.createRoom(alice, "Elsewhere", false);
        hs.invite(other, alice, bot);
        await().atMost(Duration.ofSeconds(10)).until(() -> "leave".equals(hs.membership(other, bot)));
        assertThat(hs.botMessages(other, bot))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("This bot is not authorized for this room."));

        // invited again later: told again (a transaction of its own, not the first invite's)
        hs.invite(other, alice, bot);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(other, bot).size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "leave".equals(hs.membership(other, bot)));
        assertThat(hs.botMessages(other, bot))
                .extracting(FakeHomeserver.Event::body)
                .containsOnly("This bot is not authorized for this room.");
    }

    @Test
    void aMessageReachesTheOrchestratorAndAStrangerIsDropped() {
        hs.join(room, mallory);
        hs.userSends(room, mallory, "let me in");
        String event = hs.userSends(room, alice, "hello bot");
        Message message = receive();
        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(BusHeaders.MESSAGE_ID, "mx:" + chatId() + ":" + event);
        InboundMessage inbound = (InboundMessage) decode(message);
        assertThat(inbound.text()).isEqualTo("hello bot");
        assertThat(inbound.chat()).isEqualTo(new ChatRef("mx", "main", chatId(), null));
        assertThat(inbound.chatType()).isEqualTo("group");
        assertThat(inbound.nativeChatId()).isEqualTo(room);
        assertThat(inbound.nativeUserId()).isEqualTo(alice);
        assertThat(inbound.userName()).isEqualTo("Alice Liddell");
        assertThat(nothingMore()).isTrue();
        // scene.seen_reaction: the bot marks what it took as read
        await().atMost(Duration.ofSeconds(5))
                .until(() -> hs.readMarker(room, bot).orElse(""), event::equals);
    }

    @Test
    void joiningAnAllowedRoomPostsAndPinsTheJoinNotification() {
        FakeHomeserver.Event notice = hs.botMessages(room, bot).stream()
                .filter(m -> m.body().startsWith("**House rules:**"))
                .findFirst()
                .orElseThrow();
        assertThat(notice.body()).isEqualTo("**House rules:** be kind.");
        assertThat(notice.formattedBody()).isEqualTo("<strong>House rules:</strong> be kind.");
        await().atMost(Duration.ofSeconds(5)).until(() -> hs.pinned(room).contains(notice.eventId()));
    }

    @Test
    void aBroadcastReachesTheAllowedRoomsTheBotIsInOnce() {
        SendText everyone =
                new SendText("cron-all", ChatRef.broadcast("mx", "main"), "**TASK: nightly**", null, List.of());
        bus.toGateway("mx", "main", everyone, "c", "broadcast-1");
        bus.toGateway("mx", "main", everyone, "c", "broadcast-1"); // delivered twice: shown once
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("**TASK: nightly**")));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(hs.botMessages(room, bot))
                        .filteredOn(m -> m.body().equals("**TASK: nightly**"))
                        .hasSize(1));
    }

    @Test
    void anAnswerToAMessageInAThreadStaysInTheThreadAndTheSessionIsTheRooms() {
        String root = hs.userSends(room, alice, "topic of the day");
        String asked = hs.userSendsContent(
                room,
                alice,
                "m.room.message",
                Map.of(
                        "msgtype",
                        "m.text",
                        "body",
                        "and in the thread?",
                        "m.relates_to",
                        Map.of("rel_type", "m.thread", "event_id", root, "is_falling_back", true)));
        assertThat(((InboundMessage) decode(receive())).text()).isEqualTo("topic of the day");
        InboundMessage inThread = (InboundMessage) decode(receive());
        assertThat(inThread.text()).isEqualTo("and in the thread?");
        assertThat(inThread.chat()).isEqualTo(chat()); // one session per room, threads included

        String stream = "s-" + UUID.randomUUID();
        bus.toGateway("mx", "main", new StreamOpen(stream, chat(), asked), "run", stream + ":open");
        bus.toGateway(
                "mx",
                "main",
                new StreamClose(stream, chat(), "Here, in the thread.", List.of(), true),
                "run",
                stream + ":close");
        JsonNode relation = relationOf("Here, in the thread.");
        assertThat(relation.path("rel_type").asString()).isEqualTo("m.thread");
        assertThat(relation.path("event_id").asString()).isEqualTo(root);
        assertThat(relation.path("m.in_reply_to").path("event_id").asString()).isEqualTo(asked);

        bus.toGateway("mx", "main", new SendText("r9", chat(), "plain reply", root, List.of()), "c", "reply-1");
        JsonNode reply = relationOf("plain reply");
        assertThat(reply.path("m.in_reply_to").path("event_id").asString()).isEqualTo(root);
        assertThat(reply.has("rel_type")).isFalse();
    }

    @Test
    void moreMessagesThanOneSyncCarriesAreAllPublishedInOrder() {
        List<String> bodies = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "burst " + i)
                .toList();
        List<String> events = hs.userSendsAll(room, alice, bodies); // one sync: limited to 5, 7 left out

        for (int i = 0; i < bodies.size(); i++) {
            Message message = receive();
            assertThat(message.getMessageProperties().getHeaders())
                    .containsEntry(BusHeaders.MESSAGE_ID, "mx:" + chatId() + ":" + events.get(i));
            assertThat(((InboundMessage) decode(message)).text()).isEqualTo(bodies.get(i));
        }
        assertThat(hs.requests("GET", "/messages")).isNotEmpty();
        assertThat(nothingMore()).isTrue();
    }

    @Test
    void buttonsArePickedOnceByReactionAndByNumber() {
        List<List<Button>> options = List.of(List.of(new Button("Yes", "ans:yes"), new Button("No", "ans:no")));
        bus.toGateway("mx", "main", new SendText("r1", chat(), "Go on?", null, options), "c", "buttons-1");
        hs.awaitRequests("PUT", "/send/m.reaction/buttons-1", 2, Duration.ofSeconds(10));
        FakeHomeserver.Event shown = hs.botMessages(room, bot).stream()
                .filter(m -> m.body().startsWith("Go on?"))
                .findFirst()
                .orElseThrow();
        assertThat(shown.body()).isEqualTo("Go on?\n\n1\uFE0F\u20E3 Yes\n2\uFE0F\u20E3 No");
        assertThat(hs.events(room, "m.reaction").stream()
                        .filter(e -> e.content()
                                .path("m.relates_to")
                                .path("event_id")
                                .asString()
                                .equals(shown.eventId()))
                        .map(e -> e.sender() + " "
                                + e.content().path("m.relates_to").path("key").asString()))
                .containsExactly(bot + " 1\uFE0F\u20E3", bot + " 2\uFE0F\u20E3");

        hs.userReacts(room, alice, shown.eventId(), "2\uFE0F\u20E3");
        hs.userReacts(room, alice, shown.eventId(), "1\uFE0F\u20E3");
        ButtonPressed press = (ButtonPressed) decode(receive());
        assertThat(press.data()).isEqualTo("ans:no");
        assertThat(press.transportMessageId()).isEqualTo(shown.eventId());
        assertThat(nothingMore()).isTrue();

        bus.toGateway("mx", "main", new SendText("r2", chat(), "Again?", null, options), "c", "buttons-2");
        hs.awaitRequests("PUT", "/send/m.reaction/buttons-2", 2, Duration.ofSeconds(10));
        hs.userSends(room, alice, "2");
        hs.userSends(room, alice, "2");
        assertThat(((ButtonPressed) decode(receive())).data()).isEqualTo("ans:no");
        // the set was used: the second "2" is ordinary text
        assertThat(((InboundMessage) decode(receive())).text()).isEqualTo("2");
    }

    @Test
    void anEditReplacesTheTextInPlaceWithItsNewOptionsAndADeleteRedactsIt() {
        bus.toGateway(
                "mx",
                "main",
                new SendText("sel-1", chat(), "Model?", null, List.of(List.of(new Button("Opus", "ms:opus")))),
                "c",
                "edit-1");
        hs.awaitRequests("PUT", "/send/m.reaction/edit-1", 1, Duration.ofSeconds(10));
        String original = hs.botMessages(room, bot).stream()
                .filter(m -> m.body().startsWith("Model?"))
                .findFirst()
                .orElseThrow()
                .eventId();
        EditText edit = new EditText(
                "sel-1",
                chat(),
                "Model? (page 2)",
                List.of(List.of(new Button("Sonnet", "ms:sonnet"), new Button("Haiku", "ms:haiku"))));
        bus.toGateway("mx", "main", edit, "c", "edit-2");
        bus.toGateway("mx", "main", edit, "c", "edit-2"); // delivered twice: edited once
        hs.awaitRequests("PUT", "/send/m.reaction/edit-2", 1, Duration.ofSeconds(10));
        assertThat(hs.shown(original)).isEqualTo("Model? (page 2)\n\n1\uFE0F\u20E3 Sonnet\n2\uFE0F\u20E3 Haiku");
        assertThat(hs.botMessages(room, bot))
                .filteredOn(m -> m.body().contains("Model?"))
                .as("the original and one edit, nothing posted anew")
                .hasSize(2);

        hs.userReacts(room, alice, original, "2\uFE0F\u20E3");
        assertThat(((ButtonPressed) decode(receive())).data()).isEqualTo("ms:haiku");

        bus.toGateway("mx", "main", new DeleteMessage("sel-1", chat()), "c", "edit-3");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.event(original).orElseThrow().isRedacted());
        assertThat(hs.shown(original)).isEmpty();
    }

    @Test
    void aStreamIsPostedInSegmentsWithHtmlButtonsAndAFile() throws IOException {
        Path file = home.resolve("workspace/report.txt");
        Files.writeString(file, "the report");
        String stream = "s-" + UUID.randomUUID();
        String first = "**Plan** first paragraph " + "x".repeat(900);
        bus.toGateway("mx", "main", new StreamOpen(stream, chat(), null), "run", stream + ":open");
        bus.toGateway("mx", "main", new StreamAppend(stream, chat(), 1, 0, first), "run", stream + ":1");
        bus.toGateway("mx", "main", new StreamStatus(stream, chat(), 2, "tool", "Bash"), "run", stream + ":st");
        String whole = first + "\n\nSecond part `code`";
        bus.toGateway(
                "mx",
                "main",
                new StreamAppend(stream, chat(), 3, first.length(), whole.substring(first.length())),
                "run",
                stream + ":3");
        String finalText = whole + "\n\nDone. <file:report.txt>";
        bus.toGateway(
                "mx",
                "main",
                new StreamClose(stream, chat(), finalText, List.of(List.of(new Button("More", "ans:more"))), true),
                "run",
                stream + ":close");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("report.txt")));
        List<FakeHomeserver.Event> segments = hs.botMessages(room, bot).stream()
                .filter(m -> m.body().startsWith("**Plan**")
                        || m.body().startsWith("Second")
                        || m.body().equals("report.txt"))
                .toList();
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0).body()).isEqualTo(first);
        assertThat(segments.get(0).formattedBody()).startsWith("<strong>Plan</strong> first paragraph");
        assertThat(segments.get(1).body()).isEqualTo("Second part `code`\n\nDone.\n\n1\uFE0F\u20E3 More");
        assertThat(segments.get(1).formattedBody()).contains("<code>code</code>");
        FakeHomeserver.Event sentFile = segments.get(2);
        assertThat(sentFile.content().path("msgtype").asString()).isEqualTo("m.file");
        assertThat(hs.media(sentFile.content().path("url").asString()).orElseThrow())
                .asString()
                .isEqualTo("the report");
        // typing stops after the files went out
        await().atMost(Duration.ofSeconds(5)).until(() -> !hs.typing(room, bot));
    }

    @Test
    void aNoticeClosingAStreamIsShownAsItIsNeverReadForMarkers() throws IOException {
        Files.writeString(home.resolve("workspace/secret-ish.txt"), "not for the chat");
        String stream = "s-" + UUID.randomUUID();
        // an error quoting what a topic name or a payload said: not the agent's answer (behaviour §3.11)
        String notice = "**Session Error** Detail: <file:secret-ish.txt> [button:Yes]";
        bus.toGateway("mx", "main", new StreamOpen(stream, chat(), null), "run", stream + ":open");
        bus.toGateway(
                "mx", "main", new StreamClose(stream, chat(), notice, List.of(), false), "run", stream + ":close");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().startsWith("**Session Error**")));
        assertThat(hs.botMessages(room, bot))
                .filteredOn(m -> m.body().startsWith("**Session Error**"))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("<file:secret-ish.txt>", "[button:Yes]"));
        assertThat(hs.botMessages(room, bot))
                .noneMatch(m -> m.content().path("msgtype").asString().equals("m.file")
                        && m.body().equals("secret-ish.txt"));
    }

    @Test
    void anIncomingFileIsStoredInTheWorkspaceAndDescribed() throws IOException {
        hs.userSendsFile(room, alice, "m.file", "notes.txt", "text/plain", "some notes".getBytes());
        InboundMessage inbound = (InboundMessage) decode(receive());
        assertThat(inbound.text())
                .startsWith("[INCOMING FILE]\nThe user sent you a file via Matrix.\nPath: matrix_files/");
        String path = promptPath(inbound);
        assertThat(Files.readString(home.resolve("workspace").resolve(path))).isEqualTo("some notes");
    }

    @Test
    void anImageIsShrunkAndADecompressionBombNeverReachesTheAgent() throws IOException {
        hs.userSendsFile(room, alice, "m.image", "bomb.png", "image/png", BombPng.claiming(30_000, 30_000));
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(4000, 3000, 1);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(big, "png", png);
        hs.userSendsFile(room, alice, "m.image", "photo.png", "image/png", png.toByteArray());

        InboundMessage inbound = (InboundMessage) decode(receive()); // the photo; the bomb published nothing
        assertThat(inbound.text()).contains("via Matrix", "Path: matrix_files/").doesNotContain("bomb");
        String path = promptPath(inbound);
        assertThat(path).endsWith(".webp");
        java.awt.image.BufferedImage stored = javax.imageio.ImageIO.read(
                home.resolve("workspace").resolve(path).toFile());
        assertThat(stored.getWidth()).isEqualTo(2000);
        assertThat(nothingMore()).isTrue();
        try (Stream<Path> files = Files.walk(home.resolve("workspace/matrix_files"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("bomb"));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("Could not download that file.")));
    }

    @Test
    void aDownloadThatFailsForAPassingReasonIsTriedAgain() throws IOException {
        hs.fail("/media/download/", 3, 502);
        hs.userSendsFile(room, alice, "m.file", "retried.txt", "text/plain", "got it".getBytes());
        InboundMessage inbound = (InboundMessage) decode(receive());
        assertThat(Files.readString(home.resolve("workspace").resolve(promptPath(inbound))))
                .isEqualTo("got it");
        // the fake homeserver records a request once its answer is written: wait for the record too
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hs.requests("GET", "/media/download/"))
                        .extracting(FakeHomeserver.Request::status)
                        .endsWith(502, 502, 502, 200));
    }

    @Test
    void anEncryptedRoomIsToldOnceInPlainWords() {
        String secret = encryptedRoom;
        hs.invite(secret, alice, bot);
        await().atMost(Duration.ofSeconds(10)).until(() -> "join".equals(hs.membership(secret, bot)));
        hs.userSendsContent(
                secret, alice, "m.room.encrypted", Map.of("algorithm", "m.megolm.v1.aes-sha2", "ciphertext", "x"));
        hs.userSendsContent(
                secret, alice, "m.room.encrypted", Map.of("algorithm", "m.megolm.v1.aes-sha2", "ciphertext", "y"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(secret, bot).stream()
                        .anyMatch(m -> m.body().contains("end-to-end encrypted")));
        assertThat(hs.botMessages(secret, bot))
                .filteredOn(m -> m.body().contains("end-to-end encrypted"))
                .hasSize(1);
        // the join notification went out there too, but the bot may not pin in that room: only logged
        assertThat(hs.pinned(secret)).isEmpty();
    }

    @Test
    void aRateLimitedSendIsRetriedAndShownOnce() {
        hs.rateLimit("/send/m.room.message/limited", 2, 100);
        bus.toGateway("mx", "main", new SendText("r3", chat(), "patient", null, List.of()), "c", "limited");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("patient")));
        // the fake homeserver records a request once its answer is written, after the message shows: wait for both
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hs.requests("PUT", "/send/m.room.message/limited"))
                        .extracting(FakeHomeserver.Request::status)
                        .containsExactly(429, 429, 200));
    }

    @Test
    void aSendIsRetriedThroughALongOutageAndShownOnce() {
        hs.fail("/send/m.room.message/outage", 12, 0);
        bus.toGateway("mx", "main", new SendText("r4", chat(), "after the outage", null, List.of()), "c", "outage");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("after the outage")));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hs.requests("PUT", "/send/m.room.message/outage"))
                        .extracting(FakeHomeserver.Request::status)
                        .hasSize(13)
                        .endsWith(200));
        assertThat(hs.botMessages(room, bot))
                .filteredOn(m -> m.body().equals("after the outage"))
                .hasSize(1);
    }

    @Test
    void aTextTheRoomRefusesForGoodIsReplacedByItsFallback() {
        String gone = hs.createRoom(alice, "Gone", false); // the bot is not in it: 403 M_FORBIDDEN
        ChatRef goneChat =
                new ChatRef("mx", "main", context.getBean(RoomIds.class).chatId(gone), null);
        SendText result = new SendText(
                "cron-1",
                goneChat,
                "the result",
                null,
                List.of(),
                new SendText.Fallback(chat(), "**Cron delivery failed** the result"));
        bus.toGateway("mx", "main", result, "c", "fallback-1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals("**Cron delivery failed** the result")));
        assertThat(hs.botMessages(gone, bot)).isEmpty();
    }

    /** The {@code m.relates_to} of the bot's message {@code body}, once it is shown. */
    private static JsonNode relationOf(String body) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hs.botMessages(room, bot).stream()
                        .anyMatch(m -> m.body().equals(body)));
        return hs.botMessages(room, bot).stream()
                .filter(m -> m.body().equals(body))
                .findFirst()
                .orElseThrow()
                .content()
                .path("m.relates_to");
    }

    /** The workspace path an incoming-file prompt names. */
    private static String promptPath(InboundMessage inbound) {
        return inbound.text()
                .lines()
                .filter(l -> l.startsWith("Path: "))
                .findFirst()
                .orElseThrow()
                .substring(6);
    }

    private static ChatRef chat() {
        return new ChatRef("mx", "main", chatId(), null);
    }

    private static long chatId() {
        return context.getBean(RoomIds.class).chatId(room);
    }

    private static Message receive() {
        Message message = context.getBean(RabbitTemplate.class).receive(topology.orchestratorInboundQueue(), 10_000);
        assertThat(message).as("a message for the orchestrator").isNotNull();
        return message;
    }

    private static boolean nothingMore() {
        @Nullable
        Message more = context.getBean(RabbitTemplate.class).receive(topology.orchestratorInboundQueue(), 1_500);
        return more == null;
    }

    private static Contract decode(Message message) {
        return (Contract) context.getBean(MessageConverter.class).fromMessage(message);
    }
}
