package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.matrix.FakeHomeserver;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13: one user story — ask, watch the answer stream, press a button, get a file — on Telegram and on
 * Matrix through the same orchestrator, runner and contracts. The fake {@code claude} answers in order:
 * Telegram's two turns, then Matrix's.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SameStoryOnBothTransportsIT {

    private static final ClaudeTurns TURNS = new ClaudeTurns("5b1d9a0e-3c2f-4d1e-8a7b-6c5d4e3f2a10");
    private static final String PLAN = "**Plan:** I will look around first.";
    private static final String PICK = "Pick one:\n[button:Yes] [button:No]\n<file:report.txt>";
    private static final String PICKED = "You picked yes.";
    private static final Duration TURN = Duration.ofSeconds(60);

    private final DuctorStack stack;
    private DuctorStack.MatrixSide matrix;
    private FakeCli claude;

    SameStoryOnBothTransportsIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void prepare() throws IOException {
        matrix = stack.withMatrix();
        Files.createDirectories(stack.home().resolve("workspace"));
        Files.writeString(stack.home().resolve("workspace/report.txt"), "the report");
        claude = stack.claude()
                .respond(Response.lines("2.1.0 (Claude Code)"))
                .then(TURNS.withTool(PLAN, PICK))
                .then(TURNS.answer(PICKED))
                .then(TURNS.withTool(PLAN, PICK))
                .then(TURNS.answer(PICKED))
                .install();
    }

    @Test
    @Order(1)
    void onTelegram() {
        var telegram = stack.telegram();
        long chat = DuctorStack.ALICE;
        telegram.sendUserMessage(chat, chat, "hello");

        // the answer streamed into one message, edited as it grew and finished with the final answer (the
        // result: Claude's last block, behaviour §3.11) and its buttons; then the file
        await().atMost(TURN)
                .until(() -> botMessages(telegram, chat).stream().anyMatch(m -> "report.txt".equals(m.documentName())));
        List<BotMessage> shown = botMessages(telegram, chat);
        BotMessage buttons =
                shown.stream().filter(m -> !m.buttons().isEmpty()).findFirst().orElseThrow();
        assertThat(buttons.text()).isEqualTo("Pick one:");
        assertThat(buttons.editCount()).isPositive();
        assertThat(buttons.buttons().getFirst()).extracting(FakeButton::text).containsExactly("Yes", "No");

        telegram.pressButton(chat, buttons.id(), chat, "Yes");
        await().atMost(TURN)
                .until(() -> botMessages(telegram, chat).stream()
                        .anyMatch(m -> m.text().equals(PICKED)));
        assertThat(calls("Yes")).hasSize(1);
    }

    @Test
    @Order(2)
    void onMatrix() {
        FakeHomeserver hs = matrix.homeserver();
        hs.invite(matrix.room(), matrix.alice(), matrix.bot());
        await().atMost(TURN).until(() -> "join".equals(hs.membership(matrix.room(), matrix.bot())));
        hs.userSends(matrix.room(), matrix.alice(), "hello");

        // the answer streamed as segments: the text before the tool, then the rest with its buttons, the file
        await().atMost(TURN).until(() -> bodies().contains("report.txt"));
        assertThat(bodies()).containsExactly(PLAN, "Pick one:\n\n1\uFE0F\u20E3 Yes\n2\uFE0F\u20E3 No", "report.txt");
        FakeHomeserver.Event file = roomMessages().get(2);
        assertThat(hs.media(file.content().path("url").asString()).orElseThrow())
                .asString()
                .isEqualTo("the report");

        hs.userReacts(matrix.room(), matrix.alice(), roomMessages().get(1).eventId(), "1\uFE0F\u20E3");
        await().atMost(TURN).until(() -> bodies().contains(PICKED));
        assertThat(calls("Yes")).hasSize(2); // one per transport
        assertThat(calls("hello")).hasSize(2);
    }

    private List<FakeHomeserver.Event> roomMessages() {
        return matrix.homeserver().botMessages(matrix.room(), matrix.bot());
    }

    private List<String> bodies() {
        return roomMessages().stream().map(FakeHomeserver.Event::body).toList();
    }

    private List<Invocation> calls(String prompt) {
        return claude.invocations().stream()
                .filter(call -> call.stdin().equals(prompt) || call.stdin().startsWith(prompt + "\n"))
                .toList();
    }
}
