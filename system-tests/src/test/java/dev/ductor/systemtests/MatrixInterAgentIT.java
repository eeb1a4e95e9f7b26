package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.matrix.FakeHomeserver;
import dev.ductor.testkit.telegram.BotMessage;
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

/**
 * Messages between agents with a Matrix sub-agent (behaviour §5.8, §9.8) through the real services: the main
 * agent (on Telegram) asks the Matrix sub-agent asynchronously, the notice appears in the room Alice talks to it
 * in and the ask runs there, under that room's real chat id, and the answer is injected into main's Telegram
 * chat; the Matrix sub-agent asks main from a second room, and main's answer is injected into that room's
 * session (not the room talked in last), whose reply is posted in that room; a synchronous ask to the Matrix
 * sub-agent prints its answer.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MatrixInterAgentIT {

    private static final String NAME = "mxhelper";
    private static final Duration TURN = Duration.ofSeconds(60);

    private final DuctorStack stack;
    private DuctorStack.MatrixSide matrix;
    private String helperBot;
    private String helperRoom;
    private String secondRoom;
    private AgentAsks asks;

    MatrixInterAgentIT(DuctorStack stack) {
        this.stack = stack;
        stack.deleteOnCloseQueuesOf(NAME, "mx");
    }

    @BeforeStackStart
    void addMatrixAgent() throws IOException {
        matrix = stack.withMatrix();
        FakeHomeserver hs = matrix.homeserver();
        helperBot = hs.registerUser("helper", "helper-password");
        helperRoom = hs.createRoom(matrix.alice(), null, false);
        hs.invite(helperRoom, matrix.alice(), helperBot);
        secondRoom = hs.createRoom(matrix.alice(), null, false);
        hs.invite(secondRoom, matrix.alice(), helperBot);
        FakeCli claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl").runsTool("sh", "-c", AgentAsks.RUN_ASK))
                .install();
        asks = new AgentAsks(claude);
        Files.writeString(stack.home().resolve("agents.json"), """
                [{"name": "%s", "transport": "matrix",
                  "matrix": {"homeserver": "%s", "user_id": "%s", "password": "helper-password",
                             "allowed_rooms": ["%s", "%s"], "allowed_users": ["%s"]}}]
                """.formatted(
                        NAME, hs.baseUrl(), helperBot, helperRoom, secondRoom, matrix.alice()));
    }

    private Path marks(String agentHome) {
        return stack.home().resolve(agentHome).resolve("workspace").resolve(AgentAsks.MARKS);
    }

    /** The chat id of the helper's room, as its first turn there was given it (Alice said hello once). */
    private String helperRoomChatId() {
        FakeHomeserver hs = matrix.homeserver();
        if (asks.calls(NAME, "hello there").isEmpty()) {
            await().atMost(TURN).until(() -> "join".equals(hs.membership(helperRoom, helperBot)));
            hs.userSends(helperRoom, matrix.alice(), "hello there");
        }
        Invocation hello = asks.awaitCall(call ->
                call.stdin().startsWith("hello there") && NAME.equals(call.env().get("DUCTOR_AGENT_NAME")));
        await("the helper's answer in its room").atMost(TURN).until(() -> helperAnswers(helperRoom) >= 1);
        String chatId = hello.env().get("DUCTOR_CHAT_ID");
        assertThat(chatId).isNotBlank().isNotEqualTo("0");
        return chatId;
    }

    private void toolsInstalled() {
        await().atMost(TURN)
                .until(() -> Files.exists(marks("").getParent().resolve("tools/agent_tools/ask_agent_async.py"))
                        && Files.exists(marks("agents/" + NAME).getParent().resolve("tools/agent_tools/ask_agent.py")));
    }

    /** Main's turn in Alice's Telegram chat runs {@code command}. */
    private Invocation mainRuns(String command, String userText) throws IOException {
        toolsInstalled();
        return asks.runs(
                marks(""),
                command,
                userText,
                () -> stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, userText));
    }

    @Test
    @Order(1)
    void mainAsksTheMatrixAgent_theNoticeAndTheRunAreInItsRoomAndTheAnswerIsInjectedIntoMainsChat() throws IOException {
        String room = helperRoomChatId();
        int mainAnswers = mainAnswers();

        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent_async.py " + NAME + " \"Summarise the week\" --summary \"the week\"",
                "ask the matrix helper");
        JsonNode out = asks.printed(turn);
        assertThat(out.path("success").asBoolean()).as(out.toString()).isTrue();
        String id = out.path("task_id").asString();

        await("the notice in the helper's room")
                .atMost(TURN)
                .untilAsserted(() -> assertThat(matrix.homeserver().botMessages(helperRoom, helperBot))
                        .extracting(FakeHomeserver.Event::body)
                        .anySatisfy(body -> assertThat(body)
                                .contains("Async task received")
                                .contains("main")
                                .contains(id)
                                .contains("the week")));
        Invocation asked = asks.awaitCall(call -> call.stdin().contains("[INTER-AGENT MESSAGE from 'main']")
                && call.stdin().contains("Summarise the week"));
        assertThat(asked.env()).containsEntry("DUCTOR_AGENT_NAME", NAME).containsEntry("DUCTOR_CHAT_ID", room);

        Invocation injected = asks.awaitCall(
                call -> call.stdin().contains("[ASYNC INTER-AGENT RESPONSE from '" + NAME + "' (task " + id + ")]"));
        assertThat(injected.env()).containsEntry("DUCTOR_AGENT_NAME", "main");
        assertThat(injected.env()).containsEntry("DUCTOR_CHAT_ID", String.valueOf(DuctorStack.ALICE));
        // main's chat: the turn's answer, then the answer to the injection
        await().atMost(TURN).until(() -> mainAnswers() == mainAnswers + 2);
    }

    @Test
    @Order(2)
    void theMatrixAgentAsksMainFromASecondRoom_theAnswerIsInjectedThereNotInTheRoomTalkedInLast() throws IOException {
        String room = helperRoomChatId();
        toolsInstalled();
        FakeHomeserver hs = matrix.homeserver();
        await().atMost(TURN).until(() -> "join".equals(hs.membership(secondRoom, helperBot)));
        hs.userSends(secondRoom, matrix.alice(), "hello in the second room");
        String second = asks.awaitCall(call -> call.stdin().startsWith("hello in the second room"))
                .env()
                .get("DUCTOR_CHAT_ID");
        assertThat(second).isNotBlank().isNotEqualTo(room);
        await().atMost(TURN).until(() -> helperAnswers(secondRoom) == 1);

        // main's run of the ask waits at the gate (its tool call: the fake records the call after it), so the
        // helper's first room is the one talked in last when main answers
        Path gate = Files.createDirectories(marks("")).resolve("go");
        Path waiting = marks("").resolve("waiting");
        Files.writeString(
                marks("").resolve("ask"),
                "touch " + AgentAsks.MARKS + "/waiting; i=0; while [ ! -f " + AgentAsks.MARKS
                        + "/go ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i+1)); done\n");
        Invocation turn = asks.runs(
                marks("agents/" + NAME),
                "sh tools/agent_tools/ask_agent_async.py main \"What is on Alice's calendar?\"",
                "ask main about the calendar",
                () -> hs.userSends(secondRoom, matrix.alice(), "ask main about the calendar"));
        JsonNode out = asks.printed(turn);
        assertThat(out.path("success").asBoolean()).as(out.toString()).isTrue();
        String id = out.path("task_id").asString();

        // main is told in its Telegram chat, and runs it (held at the gate)
        await().atMost(TURN)
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .extracting(BotMessage::text)
                        .anySatisfy(text -> assertThat(text)
                                .startsWith("📥 Async task received from " + NAME)
                                .contains(id)));
        await("main's run of the ask at the gate").atMost(TURN).until(() -> Files.exists(waiting));
        await().atMost(TURN).until(() -> helperAnswers(secondRoom) == 2);
        int firstRoomAnswers = helperAnswers(helperRoom);
        hs.userSends(helperRoom, matrix.alice(), "back in the first room");
        await().atMost(TURN).until(() -> helperAnswers(helperRoom) == firstRoomAnswers + 1);
        Files.writeString(gate, "");
        asks.awaitCall(call -> call.stdin().contains("[INTER-AGENT MESSAGE from '" + NAME + "']")
                && call.stdin().contains("calendar"));

        Invocation injected = asks.awaitCall(
                call -> call.stdin().contains("[ASYNC INTER-AGENT RESPONSE from 'main' (task " + id + ")]"));
        assertThat(injected.env()).containsEntry("DUCTOR_AGENT_NAME", NAME).containsEntry("DUCTOR_CHAT_ID", second);
        // the asking room: its turn's answer, then the answer to the injection
        await().atMost(TURN).until(() -> helperAnswers(secondRoom) == 3);
        assertThat(helperAnswers(helperRoom)).isEqualTo(firstRoomAnswers + 1);
    }

    @Test
    @Order(3)
    void aSyncAskToTheMatrixAgentPrintsItsAnswer() throws IOException {
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent.py " + NAME + " \"What is the capital of Portugal?\"",
                "ask the matrix helper now");
        JsonNode out = asks.printed(turn);
        assertThat(out.path("sender").asString()).as(out.toString()).isEqualTo(NAME);
        assertThat(out.path("success").asBoolean()).isTrue();
        assertThat(out.path("text").asString()).isEqualTo(PrivateChatIT.ANSWER);
        assertThat(asks.calls(NAME, "What is the capital of Portugal?")).hasSize(1);
    }

    private int helperAnswers(String roomId) {
        List<String> bodies = matrix.homeserver().botMessages(roomId, helperBot).stream()
                .map(FakeHomeserver.Event::body)
                .toList();
        return (int) bodies.stream().filter(PrivateChatIT.ANSWER::equals).count();
    }

    private int mainAnswers() {
        return (int) botMessages(stack.telegram(), DuctorStack.ALICE).stream()
                .filter(m -> m.text().equals(PrivateChatIT.ANSWER))
                .count();
    }
}
