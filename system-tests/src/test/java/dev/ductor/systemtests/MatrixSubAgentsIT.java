package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Topology;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.matrix.FakeHomeserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sub-agents on Matrix (behaviour §5.8) through the real services: a second Matrix account added to
 * {@code agents.json} while everything runs answers in its own room within seconds, without a restart, with
 * its store under {@code agents/<name>/}; {@code !model} in its room is kept in its {@code agents.json} entry
 * and restarts nothing; its meters are in the services' scrapes with {@code agent="<name>"} and its log lines
 * carry its name; {@code !agent_stop} and {@code !agent_start} in the main bot's room stop and start it;
 * removing the entry stops it.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MatrixSubAgentsIT {

    private static final String NAME = "mxhelper";
    private static final Duration TURN = Duration.ofSeconds(60);

    private final DuctorStack stack;
    private DuctorStack.MatrixSide matrix;
    private String helperBot;
    private String helperRoom;
    private FakeCli claude;

    MatrixSubAgentsIT(DuctorStack stack) {
        this.stack = stack;
        Topology helper = new Topology(stack.namespace(), NAME);
        stack.deleteOnClose(
                helper.orchestratorInboundQueue(),
                helper.orchestratorRunEventsQueue(),
                helper.gatewayOutboundQueue("mx", NAME));
    }

    @BeforeStackStart
    void prepare() {
        matrix = stack.withMatrix();
        FakeHomeserver hs = matrix.homeserver();
        helperBot = hs.registerUser("helper", "helper-password");
        helperRoom = hs.createRoom(matrix.alice(), null, false);
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
    }

    private Path agentsFile() {
        return stack.home().resolve("agents.json");
    }

    @Test
    @Order(1)
    void aMatrixAccountAddedToAgentsJsonAnswersInItsOwnRoomWithinSeconds() throws IOException {
        FakeHomeserver hs = matrix.homeserver();
        Files.writeString(agentsFile(), """
                [{"name": "%s", "transport": "matrix",
                  "matrix": {"homeserver": "%s", "user_id": "%s", "password": "helper-password",
                             "allowed_rooms": ["%s"], "allowed_users": ["%s"]}}]
                """.formatted(NAME, hs.baseUrl(), helperBot, helperRoom, matrix.alice()));

        // the helper's account logs in and joins the room it is invited to, within seconds of the change
        hs.invite(helperRoom, matrix.alice(), helperBot);
        await().atMost(TURN).until(() -> "join".equals(hs.membership(helperRoom, helperBot)));
        hs.userSends(helperRoom, matrix.alice(), "hello there");
        await("the helper's answer").atMost(TURN).until(() -> answers() == 1);

        Invocation run = calls("hello there").getFirst();
        Path helperHome = stack.home().resolve("agents/" + NAME);
        assertThat(run.env()).containsEntry("DUCTOR_AGENT_NAME", NAME);
        assertThat(run.env()).containsEntry("DUCTOR_HOME", helperHome.toString());
        assertThat(helperHome.resolve("matrix_store/credentials.json")).exists();
        assertThat(stack.home().resolve("matrix_store/credentials.json")).exists(); // the main bot's, apart
        // nothing of it reached the main bot's room
        assertThat(hs.botMessages(helperRoom, matrix.bot())).isEmpty();
        // its work is logged under its name
        assertThat(Files.readString(stack.service("gateway-matrix").log())).contains("[" + NAME + "]");
        assertThat(Files.readString(stack.service("orchestrator").log())).contains("[" + NAME + "]");
    }

    @Test
    @Order(2)
    void itsMetersAreScrapedWithItsNameBesideTheMainAgents() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.service("orchestrator").metrics())
                    .containsPattern("ductor_inbound_messages_total\\{agent=\"" + NAME + "\",[^}]*outcome=\"started\"")
                    .containsPattern("ductor_turns_running\\{agent=\"main\"");
            assertThat(stack.service("gateway-matrix").metrics())
                    .containsPattern("ductor_matrix_sends_total\\{agent=\"" + NAME + "\",[^}]*result=\"sent\"")
                    .containsPattern("ductor_matrix_api_latency_seconds_count\\{agent=\"main\",");
        });
        // every meter of the sub-agent's contexts has the main agent's label names, so none was refused
        assertThat(stack.logs()).doesNotContain("registration has failed");
    }

    @Test
    @Order(3)
    void modelInItsRoomIsKeptInItsAgentsJsonEntryWithoutARestart() throws IOException {
        FakeHomeserver hs = matrix.homeserver();
        hs.userSends(helperRoom, matrix.alice(), "!model sonnet");
        await().atMost(TURN).until(() -> helperAnswers().stream().anyMatch(b -> b.contains("sonnet")));

        JsonNode entry = JsonMapper.builder()
                .build()
                .readTree(Files.readString(agentsFile()))
                .get(0);
        assertThat(entry.path("model").asString()).isEqualTo("sonnet");
        assertThat(entry.path("provider").asString()).isEqualTo("claude");
        assertThat(entry.path("matrix").path("user_id").asString()).isEqualTo(helperBot); // the rest as written
        assertThat(Files.readString(stack.home().resolve("config/config.json"))).doesNotContain("sonnet");

        int answered = answers();
        hs.userSends(helperRoom, matrix.alice(), "hello again");
        await().atMost(TURN).until(() -> answers() == answered + 1);
        assertThat(calls("hello again").getFirst().argv()).containsSequence("--model", "sonnet");
        assertThat(stack.logs()).doesNotContain("Stopping sub-agent " + NAME);
    }

    @Test
    @Order(4)
    void agentStopInTheMainRoomStopsItsSyncAndAgentStartBringsItBack() throws IOException {
        FakeHomeserver hs = matrix.homeserver();
        hs.invite(matrix.room(), matrix.alice(), matrix.bot());
        await().atMost(TURN).until(() -> "join".equals(hs.membership(matrix.room(), matrix.bot())));

        hs.userSends(matrix.room(), matrix.alice(), "!agent_stop " + NAME);
        await().atMost(TURN)
                .until(() -> mainAnswers().stream().anyMatch(b -> b.contains(NAME) && b.contains("stopped")));
        // the Matrix gateway heard the ControlAgent and closed that account's context, so its sync loop
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(stack.service("gateway-matrix").log())
                        .contains("STOP of sub-agent " + NAME + ": STOPPED"));

        int answered = answers();
        hs.userSends(helperRoom, matrix.alice(), "are you there?");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(answers()).isEqualTo(answered);

        hs.userSends(matrix.room(), matrix.alice(), "!agent_start " + NAME);
        await().atMost(TURN)
                .until(() -> mainAnswers().stream().anyMatch(b -> b.contains(NAME) && b.contains("started")));
        // the message sent while it was stopped was never synced past: it is answered now
        await("the helper's answer after !agent_start").atMost(TURN).until(() -> answers() == answered + 1);
        assertThat(calls("are you there?")).hasSize(1);
    }

    @Test
    @Order(5)
    void removingTheEntryStopsIt() throws IOException {
        Files.writeString(agentsFile(), "[]");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(stack.service("gateway-matrix").log())
                        .contains("Stopping sub-agent " + NAME + ": removed from agents.json"));
        int answered = answers();
        matrix.homeserver().userSends(helperRoom, matrix.alice(), "still there?");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(answers()).isEqualTo(answered);
        assertThat(calls("still there?")).isEmpty();
        // a removed agent's meters leave the scrape with its context
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(stack.service("gateway-matrix").metrics()).doesNotContain("agent=\"" + NAME + "\""));
    }

    private List<String> helperAnswers() {
        return matrix.homeserver().botMessages(helperRoom, helperBot).stream()
                .map(FakeHomeserver.Event::body)
                .toList();
    }

    /** The helper's answers to prompts (the fake CLI's one answer). */
    private int answers() {
        return (int)
                helperAnswers().stream().filter(PrivateChatIT.ANSWER::equals).count();
    }

    private List<String> mainAnswers() {
        return matrix.homeserver().botMessages(matrix.room(), matrix.bot()).stream()
                .map(FakeHomeserver.Event::body)
                .toList();
    }

    private List<Invocation> calls(String prompt) {
        return claude.invocations().stream()
                .filter(call -> call.stdin().equals(prompt) || call.stdin().startsWith(prompt + "\n"))
                .toList();
    }
}
