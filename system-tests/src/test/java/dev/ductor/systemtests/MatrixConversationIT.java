package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.matrix.FakeHomeserver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A whole conversation on Matrix through every service (behaviour §9): scenario 86 (an invite to a room
 * not allowed), an answer streamed as segments with Markdown, buttons and a file, scenario 85 (a button
 * picked by reaction, then one by its typed number, each once), a file sent by the user, and the gateway
 * killed with SIGKILL mid-sync and mid-send losing and duplicating nothing, and a result that belongs to no chat
 * (a {@code cron_task} webhook's) reaching the allowed room (behaviour §9.8), and the {@code !tasks} selector
 * stepping in place as an edit of its message (§9.7). One story in order: the fake
 * {@code claude} answers its calls in sequence.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MatrixConversationIT {

    private static final String SESSION = "6c1f3f7e-0d7e-4a57-9c39-5f0f9b1c2a11";
    private static final String FIRST_PART = "**Plan:** I will look around first.";
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final ClaudeTurns TURNS = new ClaudeTurns(SESSION);

    private static final String HOOK_TOKEN = "matrix-broadcast-token";

    private final DuctorStack stack;
    private DuctorStack.MatrixSide matrix;
    private int webhookPort;
    private FakeCli claude;

    MatrixConversationIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void prepare() throws IOException {
        matrix = stack.withMatrix();
        webhookPort = stack.withWebhooks("""
                {"hooks": [{"id": "nightly", "title": "Nightly", "mode": "cron_task", "task_folder": "nightly",
                  "prompt_template": "Digest the night.", "auth_mode": "bearer", "token": "%s"}]}""".formatted(HOOK_TOKEN));
        Files.createDirectories(stack.home().resolve("workspace/cron_tasks/nightly"));
        claude = stack.claude()
                .respond(Response.lines("2.1.0 (Claude Code)"))
                .then(TURNS.withTool(FIRST_PART, "Pick one:\n[button:Yes] [button:No]\n<file:report.txt>"))
                .then(TURNS.answer("You said no. And the colour?\n[button:Red] [button:Blue]"))
                .then(TURNS.answer("Blue it is."))
                .then(TURNS.answer("Got your notes."))
                .then(TURNS.answer("Heard you after the crash."))
                .then(TURNS.answer("Answer sent once."))
                .then(TURNS.answer("Nightly digest ready."))
                .install();
    }

    @Test
    @Order(1)
    void scenario86_anInviteToARoomNotAllowedIsJoinedRefusedAndLeft() {
        FakeHomeserver hs = matrix.homeserver();
        String other = hs.createRoom(matrix.mallory(), "Mallory's room", false);
        hs.invite(other, matrix.mallory(), matrix.bot());
        await().atMost(TURN).until(() -> "leave".equals(hs.membership(other, matrix.bot())));
        assertThat(hs.botMessages(other, matrix.bot()))
                .extracting(FakeHomeserver.Event::body)
                .containsExactly("This bot is not authorized for this room.");
    }

    @Test
    @Order(2)
    void anAnswerIsStreamedAsSegmentsWithHtmlButtonsAndAFile() throws IOException {
        FakeHomeserver hs = matrix.homeserver();
        Files.writeString(stack.home().resolve("workspace/report.txt"), "the report");
        hs.invite(matrix.room(), matrix.alice(), matrix.bot());
        await().atMost(TURN).until(() -> "join".equals(hs.membership(matrix.room(), matrix.bot())));

        hs.userSends(matrix.room(), matrix.alice(), "hello");

        await().atMost(TURN).until(() -> bodies().contains("report.txt"));
        List<FakeHomeserver.Event> shown = botMessages();
        assertThat(shown)
                .extracting(FakeHomeserver.Event::body)
                .containsExactly(FIRST_PART, "Pick one:\n\n1\uFE0F\u20E3 Yes\n2\uFE0F\u20E3 No", "report.txt");
        assertThat(shown.getFirst().formattedBody()).isEqualTo("<strong>Plan:</strong> I will look around first.");
        assertThat(hs.media(shown.get(2).content().path("url").asString()).orElseThrow())
                .asString()
                .isEqualTo("the report");
        assertThat(calls("hello")).hasSize(1);
    }

    @Test
    @Order(3)
    void scenario85_aReactionThenATypedNumberEachPickTheirOptionOnce() {
        FakeHomeserver hs = matrix.homeserver();
        FakeHomeserver.Event buttons = messageStartingWith("Pick one:");
        hs.userReacts(matrix.room(), matrix.alice(), buttons.eventId(), "2\uFE0F\u20E3");
        hs.userReacts(matrix.room(), matrix.alice(), buttons.eventId(), "2\uFE0F\u20E3");

        await().atMost(TURN).until(() -> bodies().stream().anyMatch(b -> b.startsWith("You said no.")));
        assertThat(calls("No")).hasSize(1);

        hs.userSends(matrix.room(), matrix.alice(), "2");
        await().atMost(TURN).until(() -> bodies().contains("Blue it is."));
        assertThat(calls("Blue")).hasSize(1);
        assertThat(calls("No")).hasSize(1);
    }

    @Test
    @Order(4)
    void aFileTheUserSendsReachesTheAgentFromTheWorkspace() throws IOException {
        matrix.homeserver()
                .userSendsFile(
                        matrix.room(), matrix.alice(), "m.file", "notes.txt", "text/plain", "my notes".getBytes());
        await().atMost(TURN).until(() -> bodies().contains("Got your notes."));
        Invocation call = claude.invocations().stream()
                .filter(c -> c.stdin().startsWith("[INCOMING FILE]"))
                .findFirst()
                .orElseThrow();
        assertThat(call.stdin()).contains("The user sent you a file via Matrix.");
        String path = call.stdin()
                .lines()
                .filter(l -> l.startsWith("Path: "))
                .findFirst()
                .orElseThrow()
                .substring("Path: ".length());
        assertThat(Files.readString(stack.home().resolve("workspace").resolve(path)))
                .isEqualTo("my notes");
    }

    @Test
    @Order(5)
    void theGatewayKilledMidSyncLosesAndRepeatsNothing() {
        FakeHomeserver hs = matrix.homeserver();
        hs.holdAnswers("/sync", Duration.ofSeconds(5));
        hs.userSends(matrix.room(), matrix.alice(), "are you there?");
        // the sync carrying the message was answered by the homeserver, not yet received
        await().atMost(Duration.ofSeconds(15))
                .until(() -> hs.heldAnswers().stream().anyMatch(a -> a.body().contains("are you there?")));
        stack.service("gateway-matrix").kill();
        hs.holdAnswers(null, Duration.ZERO);
        stack.restart("gateway-matrix");

        await().atMost(TURN).until(() -> bodies().contains("Heard you after the crash."));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(calls("are you there?")).hasSize(1);
            assertThat(bodies()).containsOnlyOnce("Heard you after the crash.");
        });
        // the restarted gateway reused its stored login and did not replay the room's history
        assertThat(hs.logins()).isEqualTo(1);
        assertThat(calls("hello")).hasSize(1);
    }

    @Test
    @Order(6)
    void theGatewayKilledMidSendShowsTheAnswerOnce() {
        FakeHomeserver hs = matrix.homeserver();
        hs.holdAnswers("/send/m.room.message/", Duration.ofSeconds(8));
        hs.userSends(matrix.room(), matrix.alice(), "one more");
        // the homeserver took the answer, the gateway has not heard so yet
        await().atMost(TURN).until(() -> bodies().contains("Answer sent once."));
        stack.service("gateway-matrix").kill();
        hs.holdAnswers(null, Duration.ZERO);
        stack.restart("gateway-matrix");

        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(bodies()).containsOnlyOnce("Answer sent once."));
        assertThat(calls("one more"))
                .as(
                        "prompts: %s",
                        claude.invocations().stream().map(Invocation::stdin).toList())
                .hasSize(1);
    }

    @Test
    @Order(7)
    void aResultWithoutAChatIsBroadcastToTheAllowedRoomOnce() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhookPort + "/hooks/nightly"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HOOK_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()), r -> true);
        assertThat(response.statusCode()).isEqualTo(202);

        String result = "**WEBHOOK (CRON TASK): Nightly**\n\nNightly digest ready.";
        await().atMost(TURN).until(() -> bodies().contains(result));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(bodies()).containsOnlyOnce(result));
    }

    @Test
    @Order(8)
    void aSelectorStepsInPlaceAsAnEditOfItsMessage() {
        FakeHomeserver hs = matrix.homeserver();
        hs.userSends(matrix.room(), matrix.alice(), "!tasks");
        await().atMost(TURN).until(() -> bodies().stream().anyMatch(b -> b.startsWith("**Background Tasks**")));
        FakeHomeserver.Event selector = messageStartingWith("**Background Tasks**");
        assertThat(selector.body()).endsWith("1\uFE0F\u20E3 Refresh");
        int posted = botMessages().size();

        // Refresh by reaction, then again by its typed number: the set stays on the edited message
        hs.userReacts(matrix.room(), matrix.alice(), selector.eventId(), "1\uFE0F\u20E3");
        await().atMost(TURN).until(() -> botMessages().size() == posted + 1);
        hs.userSends(matrix.room(), matrix.alice(), "1");
        await().atMost(TURN).until(() -> botMessages().size() == posted + 2);

        // each step is the selector's own message edited (m.replace), not a message of its own
        assertThat(botMessages().subList(posted, posted + 2)).allSatisfy(edit -> {
            assertThat(edit.content().path("m.relates_to").path("rel_type").asString())
                    .isEqualTo("m.replace");
            assertThat(edit.content().path("m.relates_to").path("event_id").asString())
                    .isEqualTo(selector.eventId());
        });
        assertThat(hs.shown(selector.eventId())).isEqualTo(selector.body());
        assertThat(calls("1")).isEmpty();
    }

    private List<FakeHomeserver.Event> botMessages() {
        return matrix.homeserver().botMessages(matrix.room(), matrix.bot());
    }

    private List<String> bodies() {
        return botMessages().stream().map(FakeHomeserver.Event::body).toList();
    }

    private FakeHomeserver.Event messageStartingWith(String start) {
        return botMessages().stream()
                .filter(m -> m.body().startsWith(start))
                .findFirst()
                .orElseThrow();
    }

    private List<Invocation> calls(String prompt) {
        return claude.invocations().stream()
                // every few turns the orchestrator appends its memory check to the prompt
                .filter(call -> call.stdin().equals(prompt) || call.stdin().startsWith(prompt + "\n"))
                .toList();
    }
}
