package dev.ductor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.Topology;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.OfferProviders;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.testkit.api.ApiClient;
import dev.ductor.testkit.api.ApiHttp;
import dev.ductor.testkit.broker.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API gateway against a real RabbitMQ, with this test in the orchestrator's place: scenario 87 (the
 * auth frame), a client's message on the bus, an answer streamed back as ductor's events, an abort
 * (scenario 88's frames), an answer kept for a chat without a client, and the HTTP routes (scenario 89).
 */
class ApiGatewayIT {

    private static final TestBroker BROKER = TestBroker.get();
    private static final String NAMESPACE = TestBroker.newNamespace();
    private static final String TOKEN = "api-token-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Curve25519's base point: a valid public key; the silent client decrypts nothing. */
    private static final String KEY_OF_A_CLIENT_THAT_NEVER_READS =
            Base64.getEncoder().encodeToString(Arrays.copyOf(new byte[] {9}, 32));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path home;
    private static ConfigurableApplicationContext context;
    private static Bus bus;
    private static Topology topology;
    private static URI ws;
    private static ApiHttp http;

    @BeforeAll
    static void start() throws IOException {
        home = Files.createTempDirectory("ductor-api-it");
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("workspace"));
        int port = freePort();
        Files.writeString(home.resolve("config/config.json"), """
                {"allowed_user_ids": [4242], "file_access": "workspace",
                 "api": {"enabled": true, "token": "%s", "port": %d, "chat_id": 0, "allow_public": false}}
                """.formatted(TOKEN, port));
        context = new SpringApplicationBuilder(ApiGatewayApplication.class)
                .properties(
                        "ductor.home=" + home,
                        "ductor.agent=main",
                        "ductor.api.auth-timeout=1s",
                        "ductor.api.heartbeat=" + HEARTBEAT.toMillis() + "ms")
                .properties(Map.<String, Object>copyOf(BROKER.springProperties(NAMESPACE)))
                .run("--management.server.port=" + freePort(), "--ductor.home=" + home);
        bus = context.getBean(Bus.class);
        topology = context.getBean(Topology.class);
        ws = URI.create("ws://127.0.0.1:" + port + "/ws");
        http = new ApiHttp(URI.create("http://127.0.0.1:" + port));
    }

    @AfterAll
    static void stop() throws IOException {
        if (context != null) {
            context.close();
        }
        BROKER.deleteNamespace(NAMESPACE, List.of("api.main"));
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void scenario87_aClientThatSaysNothingIsClosedWithAuthTimeout() {
        try (ApiClient client = ApiClient.connect(ws)) {
            JsonNode error = client.await("error", WAIT);
            assertThat(error.path("code").asString()).isEqualTo("auth_timeout");
            await().atMost(WAIT).until(client::closedByServer);
        }
        assertThat(context.getBean(MeterRegistry.class)
                        .counter("ductor_api_auth", "outcome", "auth_timeout")
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void scenario87_aWrongTokenIsRefused() {
        try (ApiClient client = ApiClient.connect(ws)) {
            client.auth("not-" + TOKEN, null);
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("auth_failed");
            await().atMost(WAIT).until(client::closedByServer);
            assertThat(client.frames("auth_ok")).isEmpty();
        }
    }

    @Test
    void scenario87_withoutAKeyTheClientIsRefused() {
        try (ApiClient client = ApiClient.connect(ws)) {
            client.sendPlain("{\"type\":\"auth\",\"token\":\"" + TOKEN + "\"}");
            JsonNode error = client.await("error", WAIT);
            assertThat(error.path("code").asString()).isEqualTo("auth_failed");
            assertThat(error.path("message").asString()).isEqualTo("e2e_pk required or invalid");
            await().atMost(WAIT).until(client::closedByServer);
        }
    }

    @Test
    void aFirstFrameThatIsNoAuthFrameIsRefused() {
        try (ApiClient client = ApiClient.connect(ws)) {
            client.sendPlain("{\"type\":\"message\",\"text\":\"hi\"}");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("auth_required");
            await().atMost(WAIT).until(client::closedByServer);
        }
    }

    @Test
    void aMessageReachesTheOrchestratorAsTheApiTransportsInboundMessage() {
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 777L)) {
            JsonNode ok = client.frames("auth_ok").getFirst();
            assertThat(ok.path("chat_id").asLong()).isEqualTo(777);
            assertThat(ok.path("active_provider").asString()).isEqualTo("claude");

            client.message("hello over the API");

            Message message = receive();
            InboundMessage inbound = (InboundMessage) decode(message);
            assertThat(inbound.chat()).isEqualTo(new ChatRef("api", "main", 777, null));
            assertThat(inbound.chatType()).isEqualTo("private");
            assertThat(inbound.userId()).isEqualTo(777);
            assertThat(inbound.text()).isEqualTo("hello over the API");
            assertThat(message.getMessageProperties().getHeaders())
                    .containsEntry(BusHeaders.MESSAGE_ID, "api:777:" + inbound.transportMessageId());
        }
    }

    @Test
    void aLongMessageOfManyFramesWorthIsTakenWhole() {
        String text = "a long prompt ".repeat(20_000).strip(); // 280 k characters, far past one 8 KiB frame buffer
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 783L)) {
            client.message(text);
            assertThat(((InboundMessage) decode(receive())).text()).isEqualTo(text);
        }
    }

    @Test
    void withoutAChatIdTheFirstAllowedUserIsTheChat() {
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, null)) {
            assertThat(client.frames("auth_ok").getFirst().path("chat_id").asLong())
                    .isEqualTo(4242);
        }
    }

    @Test
    void anEmptyMessageAndAnUnknownTypeAndAnUndecryptableFrameAreErrors() {
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 778L)) {
            client.message("   ");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("empty");
            client.send("{\"type\":\"dance\"}");
            client.await(f -> "unknown_type".equals(f.path("code").asString("")), WAIT);
            client.sendPlain("{\"type\":\"message\",\"text\":\"in the clear\"}");
            client.await(f -> "decrypt_failed".equals(f.path("code").asString("")), WAIT);
            assertThat(client.undecryptable()).isEmpty();
            assertThat(nothingMore()).isTrue();
        }
    }

    @Test
    void anAnswerIsStreamedAsTextDeltasToolActivityAndAResultWithItsFiles() throws IOException {
        Files.writeString(home.resolve("workspace/report.txt"), "the report");
        ChatRef chat = new ChatRef("api", "main", 779, null);
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 779L)) {
            toGateway(new StreamOpen("s-779", chat, "api-x"), "s-779:open");
            toGateway(new StreamAppend("s-779", chat, 1, 0, "Hello, "), "s-779:append:1");
            toGateway(new StreamStatus("s-779", chat, 2, "tool", "Bash"), "s-779:status:2");
            // a redelivered, overlapping append adds only what is new
            toGateway(new StreamAppend("s-779", chat, 3, 0, "Hello, world"), "s-779:append:3");
            toGateway(
                    new StreamClose(
                            "s-779", chat, "Hello, world\n<file:report.txt>\n<file:/etc/passwd>", List.of(), true),
                    "s-779:close");

            JsonNode result = client.await("result", WAIT);
            assertThat(client.streamed()).isEqualTo("Hello, world");
            assertThat(client.frames("tool_activity"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.path("data").asString()).isEqualTo("Bash"));
            assertThat(result.path("text").asString()).isEqualTo("Hello, world");
            assertThat(result.path("stream_fallback").asBoolean()).isFalse();
            assertThat(result.path("files")).hasSize(1);
            assertThat(result.path("files").get(0).path("name").asString()).isEqualTo("report.txt");
            assertThat(result.path("files").get(0).path("is_image").asBoolean()).isFalse();
        }
    }

    @Test
    void scenario88_anAbortDuringATurnIsAnsweredAbortOkAndPublishesAStop() {
        ChatRef chat = new ChatRef("api", "main", 780, null);
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 780L)) {
            toGateway(new StreamOpen("s-780", chat, null), "s-780:open");
            await().atMost(WAIT).until(() -> delivered("s-780:open"));

            client.send("{\"type\":\"abort\"}");

            JsonNode ok = client.await("abort_ok", WAIT);
            assertThat(ok.path("killed").asInt()).isEqualTo(1);
            InboundMessage stop = (InboundMessage) decode(receive());
            assertThat(stop.text()).isEqualTo("/stop");
            assertThat(stop.chat()).isEqualTo(chat);

            // the orchestrator's "Agent Stopped" answer to that /stop is what abort_ok already said
            toGateway(new SendText("stop", chat, "**Agent Stopped**", stop.transportMessageId(), List.of()), "t-stop");
            toGateway(new StreamClose("s-780", chat, "", List.of(), false), "s-780:close");
            client.await("result", WAIT);
            assertThat(client.frames("result")).hasSize(1);
            assertThat(client.frames().toString()).doesNotContain("Agent Stopped");

            client.message("/stop");
            assertThat(client.await(
                            f -> "abort_ok".equals(f.path("type").asString(""))
                                    && f.path("killed").asInt() == 0,
                            WAIT))
                    .isNotNull();
            assertThat(((InboundMessage) decode(receive())).text()).isEqualTo("/stop");
        }
    }

    @Test
    void authOkListsTheProvidersTheOrchestratorOfferedAndConfigsOneBeforeThat() {
        try (ApiClient before = ApiClient.authenticated(ws, TOKEN, 785L)) {
            assertThat(before.frames("auth_ok").getFirst().path("providers").toString())
                    .isEqualTo("[{\"id\":\"claude\",\"name\":\"claude\",\"models\":[\"opus\"]}]");
        }
        toGateway(
                new OfferProviders(
                        "api",
                        "main",
                        List.of(
                                new OfferProviders.Provider(
                                        "claude", "Claude Code", List.of("haiku", "sonnet", "opus")),
                                new OfferProviders.Provider("codex", "Codex", List.of("gpt-6-sol")))),
                "providers-785");
        await().atMost(WAIT).until(() -> delivered("providers-785"));

        try (ApiClient after = ApiClient.authenticated(ws, TOKEN, 785L)) {
            JsonNode ok = after.frames("auth_ok").getFirst();
            assertThat(ok.path("providers").toString())
                    .isEqualTo(
                            "[{\"id\":\"claude\",\"name\":\"Claude Code\",\"models\":[\"haiku\",\"sonnet\",\"opus\"]},"
                                    + "{\"id\":\"codex\",\"name\":\"Codex\",\"models\":[\"gpt-6-sol\"]}]");
            assertThat(ok.path("active_provider").asString()).isEqualTo("claude");
            assertThat(ok.path("active_model").asString()).isEqualTo("opus");
        }
        assertThat(home.resolve("state/gateway-api-main/providers.json"))
                .content()
                .contains("gpt-6-sol");
    }

    @Test
    void aClientThatAnswersThePingsStaysConnected() {
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 783L)) {
            await().during(HEARTBEAT.multipliedBy(3))
                    .atMost(HEARTBEAT.multipliedBy(4))
                    .until(() -> !client.closedByServer());
            assertThat(client.pings()).isGreaterThanOrEqualTo(2);
            client.message("still here");
            assertThat(((InboundMessage) decode(receive())).text()).isEqualTo("still here");
        }
    }

    @Test
    void aClientThatDoesNotAnswerThePingIsClosedAndItsTurnStopped() throws IOException {
        ChatRef chat = new ChatRef("api", "main", 784, null);
        try (SilentSocket silent = new SilentSocket(ws)) {
            silent.sendText("{\"type\":\"auth\",\"token\":\"%s\",\"chat_id\":784,\"e2e_pk\":\"%s\""
                            .formatted(TOKEN, KEY_OF_A_CLIENT_THAT_NEVER_READS)
                    + "}");
            await().atMost(WAIT).until(() -> !silent.opcodes().isEmpty());
            toGateway(new StreamOpen("s-784", chat, null), "s-784:open");
            await().atMost(WAIT).until(() -> delivered("s-784:open"));

            await().atMost(HEARTBEAT.multipliedBy(3)).until(silent::closedByServer);
            assertThat(silent.opcodes()).contains(SilentSocket.PING);
            InboundMessage stop = (InboundMessage) decode(receive());
            assertThat(stop.text()).isEqualTo("/stop");
            assertThat(stop.chat()).isEqualTo(chat);
        }
        toGateway(new StreamClose("s-784", chat, "", List.of(), false), "s-784:close");
    }

    @Test
    void anAnswerForAChatWithoutAClientWaitsForTheNextClient() {
        ChatRef chat = new ChatRef("api", "main", 781, null);
        toGateway(new StreamOpen("s-781", chat, null), "s-781:open");
        toGateway(new StreamAppend("s-781", chat, 1, 0, "while you were away"), "s-781:append:1");
        toGateway(new StreamClose("s-781", chat, "while you were away", List.of(), true), "s-781:close");
        toGateway(new SendText("t-781", chat, "and a notice", null, List.of()), "t-781");
        await().atMost(WAIT).until(() -> delivered("t-781"));
        assertThat(home.resolve("state/gateway-api-main/mailbox.json"))
                .content()
                .contains("while you were away");

        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 781L)) {
            await().atMost(WAIT).until(() -> client.frames("result").size() == 2);
            assertThat(client.frames("result"))
                    .extracting(f -> f.path("text").asString())
                    .containsExactly("while you were away", "and a notice");
            assertThat(client.frames("text_delta")).isEmpty();
        }
        try (ApiClient again = ApiClient.authenticated(ws, TOKEN, 781L)) {
            assertThat(again.frames("result")).isEmpty();
        }
    }

    @Test
    void healthNeedsNoTokenAndCountsTheClients() {
        try (ApiClient client = ApiClient.authenticated(ws, TOKEN, 782L)) {
            HttpResponse<String> health = http.health();
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asString()).isEqualTo("ok");
            assertThat(body.path("connections").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void scenario89_anUploadOver50MbIsRefusedAndAPngIsStoredWithItsPrompt() throws IOException {
        Path day = home.resolve("workspace/api_files")
                .resolve(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(http.upload(null, "a.png", png(), null).statusCode()).isEqualTo(401);
        assertThat(http.upload("wrong", "a.png", png(), null).statusCode()).isEqualTo(401);
        assertThat(http.upload(TOKEN, "big.bin", new byte[60 * 1024 * 1024], null)
                        .statusCode())
                .isEqualTo(413);
        assertThat(day.resolve("big.bin")).doesNotExist();

        HttpResponse<String> stored = http.upload(TOKEN, "../../CLAUDE.md", png(), null);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).path("name").asString()).isEqualTo("upload_CLAUDE.md");

        HttpResponse<String> response = http.upload(TOKEN, "notes.txt", "plain".getBytes(), "what is this?");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        Path path = Path.of(body.path("path").asString());
        assertThat(path.getParent()).isEqualTo(day);
        assertThat(path).hasContent("plain");
        assertThat(body.path("size").asLong()).isEqualTo(5);
        assertThat(body.path("mime").asString()).isEqualTo("text/plain");
        assertThat(body.path("prompt").asString())
                .startsWith("[INCOMING FILE]\nThe user sent you a file via API.")
                .contains("Path: api_files/")
                .endsWith("User message: what is this?");
        HttpResponse<String> second = http.upload(TOKEN, "notes.txt", "again".getBytes(), null);
        assertThat(JSON.readTree(second.body()).path("name").asString()).isEqualTo("notes_1.txt");
    }

    @Test
    void anUploadedImageIsShrunkAndStoredAsWebpAsOnTelegram() throws IOException {
        HttpResponse<String> response = http.upload(TOKEN, "chart.png", png(3000, 1500), null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        Path path = Path.of(body.path("path").asString());
        assertThat(body.path("name").asString())
                .isEqualTo(path.getFileName().toString())
                .endsWith(".webp");
        assertThat(body.path("mime").asString()).isEqualTo("image/webp");
        assertThat(body.path("size").asLong()).isEqualTo(Files.size(path));
        BufferedImage stored = ImageIO.read(path.toFile());
        assertThat(stored.getWidth()).isEqualTo(2000);
        assertThat(stored.getHeight()).isEqualTo(1000);
        assertThat(path.resolveSibling("chart.png")).doesNotExist();
        assertThat(body.path("prompt").asString()).contains("Type: image/webp");
    }

    @Test
    void filesServesOnlyWhatFileAccessAllows() throws IOException {
        Files.writeString(home.resolve("workspace/notes.txt"), "my notes");
        Files.writeString(home.resolve("config/secret.txt"), "no");
        assertThat(http.file(null, "notes.txt").statusCode()).isEqualTo(401);
        assertThat(http.file(TOKEN, null).statusCode()).isEqualTo(400);
        assertThat(http.file(TOKEN, "/etc/passwd").statusCode()).isEqualTo(403);
        assertThat(http.file(TOKEN, "../config/secret.txt").statusCode()).isEqualTo(403);
        assertThat(http.file(TOKEN, "missing.txt").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> file =
                http.file(TOKEN, home.resolve("workspace/notes.txt").toString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body())).isEqualTo("my notes");
    }

    /** A 1×1 PNG. */
    static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void toGateway(Contract command, String messageId) {
        bus.toGateway("api", "main", command, messageId, messageId);
    }

    /** The id is on disk: in delivered.json, or in the log of ids added since it was written whole. */
    private static boolean delivered(String messageId) throws IOException {
        for (String name : new String[] {"delivered.json", "delivered.json.log"}) {
            Path file = home.resolve("state/gateway-api-main/" + name);
            if (Files.exists(file) && Files.readString(file).contains("\"" + messageId + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static Message receive() {
        Message message = context.getBean(RabbitTemplate.class).receive(topology.orchestratorInboundQueue(), 10_000);
        assertThat(message).as("a message for the orchestrator").isNotNull();
        return message;
    }

    private static boolean nothingMore() {
        @Nullable
        Message more = context.getBean(RabbitTemplate.class).receive(topology.orchestratorInboundQueue(), 1_000);
        return more == null;
    }

    private static Contract decode(Message message) {
        return (Contract) context.getBean(MessageConverter.class).fromMessage(message);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
