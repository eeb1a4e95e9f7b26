package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.api.ApiClient;
import dev.ductor.testkit.api.ApiHttp;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebSocket API through every service (behaviour §10) with {@code testkit}'s {@link ApiClient}, which
 * speaks ductor's protocol and its encryption: scenario 87 (the auth frame), a message answered with
 * streamed events and a file, scenario 88 (an abort stops the running turn), scenario 89 (an upload, then
 * its prompt sent as a message) and {@code /files}. One story in order: the fake {@code claude} answers its
 * calls in sequence.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiConversationIT {

    private static final ClaudeTurns TURNS = new ClaudeTurns("0f4e2d6c-1a3b-4c5d-8e9f-a0b1c2d3e4f5");
    private static final long CHAT = 5150;
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DuctorStack stack;
    private DuctorStack.ApiSide api;
    private FakeCli claude;

    ApiConversationIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void prepare() throws IOException {
        api = stack.withApi();
        Files.createDirectories(stack.home().resolve("workspace"));
        Files.writeString(stack.home().resolve("workspace/report.txt"), "the report");
        claude = stack.claude()
                .respond(Response.lines("2.1.0 (Claude Code)"))
                .then(TURNS.withTool("**Plan:** I will look around first.", "Here it is.\n<file:report.txt>"))
                .then(Response.lines(
                                TURNS.init(), TURNS.text("Working on it, step by step (" + "x".repeat(300) + ")\n\n"))
                        .heldAfter(2))
                .then(TURNS.answer("A tiny PNG."))
                .install();
    }

    @Test
    @Order(1)
    void scenario87_withoutTheRightTokenOrAKeyNothingGetsIn() {
        try (ApiClient client = ApiClient.connect(api.ws())) {
            client.auth("wrong-token", CHAT);
            assertThat(client.await("error", TURN).path("code").asString()).isEqualTo("auth_failed");
            await().atMost(TURN).until(client::closedByServer);
        }
        try (ApiClient client = ApiClient.connect(api.ws())) {
            client.sendPlain("{\"type\":\"auth\",\"token\":\"" + api.token() + "\"}");
            JsonNode error = client.await("error", TURN);
            assertThat(error.path("message").asString()).isEqualTo("e2e_pk required or invalid");
        }
        try (ApiClient client = ApiClient.connect(api.ws())) {
            assertThat(client.await("error", Duration.ofSeconds(30))
                            .path("code")
                            .asString())
                    .isEqualTo("auth_timeout");
        }
        assertThat(claude.invocations()).noneMatch(call -> !call.argv().contains("--version"));
    }

    @Test
    @Order(2)
    void aMessageIsAnsweredWithStreamedEventsAndAResultWithItsFile() {
        try (ApiClient client = ApiClient.authenticated(api.ws(), api.token(), CHAT)) {
            client.message("hello over the API");

            JsonNode result = client.await("result", TURN);
            assertThat(client.streamed()).startsWith("**Plan:** I will look around first.");
            assertThat(client.frames("tool_activity")).isNotEmpty();
            assertThat(result.path("text").asString()).isEqualTo("Here it is.");
            assertThat(result.path("files")).hasSize(1);
            assertThat(result.path("files").get(0).path("name").asString()).isEqualTo("report.txt");
            assertThat(client.undecryptable()).isEmpty();

            Invocation call = ChatScript.callsFor(claude, CHAT).getFirst();
            assertThat(call.stdin()).contains("hello over the API");
            assertThat(call.env()).containsEntry("DUCTOR_TRANSPORT", "api");

            HttpResponse<byte[]> file = new ApiHttp(api.http())
                    .file(api.token(), result.path("files").get(0).path("path").asString());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(new String(file.body())).isEqualTo("the report");
        }
    }

    @Test
    @Order(3)
    void scenario88_anAbortDuringATurnStopsItAndIsAnsweredAbortOk() {
        try (ApiClient client = ApiClient.authenticated(api.ws(), api.token(), CHAT)) {
            client.message("a long job");
            Invocation call = claude.awaitHeld(3, TURN);
            try {
                await().atMost(TURN).until(() -> client.streamed().startsWith("Working on it"));

                client.send("{\"type\":\"abort\"}");

                assertThat(client.await("abort_ok", TURN).path("killed").asInt())
                        .isEqualTo(1);
                await("the stopped CLI has exited")
                        .atMost(TURN)
                        .until(() -> ChatScript.cliProcessesExited(claude, CHAT));
                assertThat(client.frames().toString()).doesNotContain("Agent Stopped");
            } finally {
                claude.release(call);
            }
        }
    }

    @Test
    @Order(4)
    void scenario89_anUploadOver50MbIsRefusedAndAStoredImagesPromptIsAnswered() throws IOException {
        ApiHttp http = new ApiHttp(api.http());
        assertThat(http.upload(api.token(), "big.bin", new byte[60 * 1024 * 1024], null)
                        .statusCode())
                .isEqualTo(413);
        byte[] png = Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        HttpResponse<String> response = http.upload(api.token(), "dot.png", png, "what is it?");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        Path stored = Path.of(body.path("path").asString());
        // an image is stored as WebP, as Telegram's incoming images are (behaviour §10)
        assertThat(stored.getFileName()).hasToString("dot.webp");
        assertThat(new String(Files.readAllBytes(stored), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("RIFF");
        assertThat(stack.home().resolve("workspace").relativize(stored).toString())
                .startsWith("api_files/");

        try (ApiClient client = ApiClient.authenticated(api.ws(), api.token(), CHAT)) {
            client.message(body.path("prompt").asString());
            assertThat(client.await("result", TURN).path("text").asString()).isEqualTo("A tiny PNG.");
        }
        Invocation call = ChatScript.callsFor(claude, CHAT).getLast();
        assertThat(call.stdin()).contains("The user sent you a file via API.").contains("dot.webp");
    }
}
