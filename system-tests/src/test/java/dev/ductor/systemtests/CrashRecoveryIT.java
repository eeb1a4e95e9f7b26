package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "No message is ever lost": each service is killed with SIGKILL at the worst moment and started again;
 * every message is answered exactly once, no CLI turn runs twice, and a turn that truly died is
 * reported to its chat.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    static final String SESSION = "5a1d0c3e-0000-4000-8000-000000000001";
    /**
     * Long enough for the gateway to show it while the turn runs (behaviour §3.11: nothing below 200
     * characters is shown before the turn ends; one sentence, released whole after idle_ms), so the kills
     * below land mid-stream, not after the close.
     */
    static final String PART_ONE =
            "Part one, " + "which explains the first half of the change in plain words, ".repeat(4) + "ends here.";

    static final String FULL = PART_ONE + "\\n\\nPart two.";
    static final String SHOWN = PART_ONE + "\n\nPart two.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A turn that streams two blocks three seconds apart, like a real CLI thinking between them. */
    static Response twoPartAnswer() {
        return Response.lines(
                        "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + SESSION
                                + "\",\"model\":\"claude-opus-4-8\"}",
                        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + PART_ONE
                                + "\"}]},\"session_id\":\"" + SESSION + "\"}",
                        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Part two.\"}]},"
                                + "\"session_id\":\"" + SESSION + "\"}",
                        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"" + FULL
                                + "\",\"session_id\":\"" + SESSION + "\",\"total_cost_usd\":0.001,"
                                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":7},\"duration_ms\":4000}")
                .delay(Duration.ofSeconds(3));
    }

    private final DuctorStack stack;

    CrashRecoveryIT(DuctorStack stack) {
        this.stack = stack;
    }

    @Test
    @Order(1)
    void orchestratorKilledWhileAMessageWaitsInItsQueue_answersItExactlyOnceAfterTheRestart() {
        FakeCli claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        var telegram = stack.telegram();
        stack.service("orchestrator").kill();

        int id = telegram.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "are you there?");
        await().atMost(Duration.ofSeconds(15)).until(() -> telegram.pendingUpdates() == 0);
        stack.restart("orchestrator");

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.ALICE))
                        .singleElement()
                        .satisfies(m -> {
                            assertThat(m.text()).isEqualTo(PrivateChatIT.ANSWER);
                            assertThat(m.replyTo()).isEqualTo(id);
                        }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(callsFor(claude, DuctorStack.ALICE)).hasSize(1);
            assertThat(botMessages(telegram, DuctorStack.ALICE)).hasSize(1);
        });
        // The next test scripts the fake anew: this turn's CLI must be gone first.
        await().atMost(Duration.ofSeconds(30)).until(() -> ChatScript.cliProcessesExited(claude, DuctorStack.ALICE));
    }

    @Test
    @Order(2)
    void orchestratorKilledMidTurn_followsTheRunAfterTheRestartAndFinishesTheSameMessage() {
        FakeCli claude = stack.claude().respond(twoPartAnswer()).install();
        var telegram = stack.telegram();
        telegram.sendUserMessage(DuctorStack.DAVE, DuctorStack.DAVE, "write two parts");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botMessages(telegram, DuctorStack.DAVE).stream()
                        .anyMatch(m -> m.text().startsWith(PART_ONE)));

        stack.service("orchestrator").kill();
        stack.restart("orchestrator");

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.DAVE))
                        .singleElement()
                        .satisfies(m -> assertThat(m.text()).isEqualTo(SHOWN)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(callsFor(claude, DuctorStack.DAVE)).hasSize(1);
            assertThat(botMessages(telegram, DuctorStack.DAVE)).hasSize(1);
        });
        // The next test scripts the fake anew: this turn's CLI must be gone first.
        await().atMost(Duration.ofSeconds(30)).until(() -> ChatScript.cliProcessesExited(claude, DuctorStack.DAVE));
    }

    @Test
    @Order(3)
    void gatewayKilledMidStream_editsTheSameMessageToTheFinalTextAfterTheRestart() {
        FakeCli claude = stack.claude().respond(twoPartAnswer()).install();
        var telegram = stack.telegram();
        telegram.sendUserMessage(DuctorStack.CAROL, DuctorStack.CAROL, "write two parts");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botMessages(telegram, DuctorStack.CAROL).stream()
                        .anyMatch(m -> m.text().equals(PART_ONE)));
        int shown = botMessages(telegram, DuctorStack.CAROL).getFirst().id();
        // The kill comes once the gateway has recorded which message the stream is. Between Telegram taking a
        // message and that record a crash cannot be told from one before the send (the Bot API has no
        // idempotency key, and a bot cannot read its chat back): the restarted gateway sends it again, at
        // least once (design.md "No message is ever lost" 5, RestartMidStreamTest).
        await().atMost(Duration.ofSeconds(10)).until(() -> gatewayRecorded(DuctorStack.CAROL, shown));

        stack.service("gateway-telegram").kill();
        stack.restart("gateway-telegram");

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.CAROL))
                        .singleElement()
                        .satisfies(m -> {
                            assertThat(m.text()).isEqualTo(SHOWN);
                            assertThat(m.id()).isEqualTo(shown);
                        }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(callsFor(claude, DuctorStack.CAROL)).hasSize(1);
            assertThat(botMessages(telegram, DuctorStack.CAROL)).hasSize(1);
        });
        // The next test scripts the fake anew: this turn's CLI must be gone first.
        await().atMost(Duration.ofSeconds(30)).until(() -> ChatScript.cliProcessesExited(claude, DuctorStack.CAROL));
    }

    @Test
    @Order(4)
    void runnerKilledMidTurn_theChatIsToldToResendTheTurnNeverRunsAgainAndItsCliIsEnded() {
        FakeCli claude = stack.claude()
                .respond(Response.lines("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + SESSION + "\"}")
                        .hangs())
                .install();
        var telegram = stack.telegram();
        telegram.sendUserMessage(DuctorStack.BOB, DuctorStack.BOB, "a long job");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> callsFor(claude, DuctorStack.BOB).size() == 1);
        long cliPid = callsFor(claude, DuctorStack.BOB).getFirst().pid();

        try {
            stack.service("cli-runner").kill();
            stack.restart("cli-runner");

            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.BOB))
                            .anySatisfy(m -> assertThat(m.text())
                                    .contains("Interrupted Task")
                                    .contains("a long job")
                                    .contains("Please re-send to continue.")));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () -> assertThat(callsFor(claude, DuctorStack.BOB)).hasSize(1));
            await("the restarted runner ends the CLI the killed one left behind")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(cliPid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            ProcessHandle.of(cliPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Whether the Telegram gateway's message map ({@code messages.json}) holds {@code messageId} for the chat. */
    /**
     * Whether the gateway recorded the message as the stream's: in {@code messages.json} or in the changes
     * appended since it was last written whole ({@code messages.json.log}, one JSON line each).
     */
    private boolean gatewayRecorded(long chatId, int messageId) throws IOException {
        try (Stream<Path> dirs = Files.list(stack.home().resolve("state"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("gateway-telegram"))
                    .toList()) {
                List<JsonNode> refs = new ArrayList<>();
                Path file = dir.resolve("messages.json");
                if (Files.isRegularFile(file)) {
                    JSON.readTree(Files.readString(file)).forEach(refs::add);
                }
                Path changes = dir.resolve("messages.json.log");
                if (Files.isRegularFile(changes)) {
                    for (String line : Files.readAllLines(changes)) {
                        if (line.endsWith("}")) { // a line still being appended is not a change yet
                            refs.add(JSON.readTree(line).path("sent"));
                        }
                    }
                }
                for (JsonNode ref : refs) {
                    if (ref.path("chatId").asLong() == chatId
                            && ref.path("messageIds").valueStream().anyMatch(id -> id.asInt() == messageId)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
