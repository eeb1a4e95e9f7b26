package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A runner stopped gracefully (SIGTERM: a deploy, a compose restart) while a turn runs: its CLI is ended,
 * the chat is told "**Interrupted Task** … Please re-send to continue." once — also after the lost-run
 * watchdog's grace has passed — and the prompt never runs again (behaviour §5.9). A {@code /stop} the user
 * asked for ends the turn without that notice.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerShutdownIT {

    static final String SESSION = "5a1d0c3e-0000-4000-8000-000000000002";
    static final String WORKING = "Working on it.";

    /** Longer than the stack's {@code run-lost-after} (6 s) plus a few watchdog rounds. */
    static final Duration PAST_THE_WATCHDOG = Duration.ofSeconds(9);

    /**
     * Prints its start and a first paragraph (long enough, ending in a blank line, to be streamed at once),
     * then waits for a release that never comes.
     */
    static Response heldTurn() {
        String paragraph = WORKING + " (" + "step by step ".repeat(20).strip() + ")\\n\\n";
        return Response.lines(
                        "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + SESSION + "\"}",
                        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + paragraph
                                + "\"}]},\"session_id\":\"" + SESSION + "\"}")
                .heldAfter(2);
    }

    private final DuctorStack stack;

    RunnerShutdownIT(DuctorStack stack) {
        this.stack = stack;
    }

    /** The runner's --version probe at its start takes no response a test scripts (install resets the calls). */
    @BeforeAll
    void awaitTheVersionProbe() {
        stack.awaitVersionProbes(stack.claude());
    }

    @Test
    @Order(1)
    void stopDuringAHeldTurn_endsItWithoutAnInterruptedNotice() {
        FakeCli claude = stack.claude().respond(heldTurn()).install();
        var telegram = stack.telegram();
        telegram.sendUserMessage(DuctorStack.CAROL, DuctorStack.CAROL, "a job to stop");
        Invocation call = claude.awaitHeld(1, Duration.ofSeconds(30));
        try {
            awaitStreamed(DuctorStack.CAROL);

            telegram.sendUserMessage(DuctorStack.CAROL, DuctorStack.CAROL, "/stop");

            await("Agent Stopped in the chat")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> botMessages(telegram, DuctorStack.CAROL).stream()
                            .anyMatch(m -> m.text().startsWith("Agent Stopped")));
            await("the stopped CLI has exited")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ChatScript.cliProcessesExited(claude, DuctorStack.CAROL));
            await().during(PAST_THE_WATCHDOG)
                    .atMost(PAST_THE_WATCHDOG.plusSeconds(5))
                    .untilAsserted(() ->
                            assertThat(interruptedNotices(DuctorStack.CAROL)).isEmpty());
        } finally {
            claude.release(call);
        }
    }

    @Test
    @Order(2)
    void runnerStoppedGracefullyMidTurn_tellsTheChatOnceEndsTheCliAndNeverRunsThePromptAgain() {
        // The held turn, then the restarted runner's --version probe and the next message's turn.
        FakeCli claude = stack.claude()
                .respond(heldTurn())
                .then(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        var telegram = stack.telegram();
        int id = telegram.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "a long job");
        Invocation call = claude.awaitHeld(1, Duration.ofSeconds(30));
        try {
            awaitStreamed(DuctorStack.ALICE);

            stack.service("cli-runner").stop();
            assertThat(stack.service("cli-runner").exitCode())
                    .as("the runner ended by its SIGTERM (128 + 15), not killed after the stop's grace")
                    .isEqualTo(143);

            assertThat(ProcessHandle.of(call.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .as("the held CLI (pid %d) ended by the runner's shutdown", call.pid())
                    .isFalse();
            await("the Interrupted Task notice")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(interruptedNotices(DuctorStack.ALICE))
                            .singleElement()
                            .satisfies(m -> {
                                assertThat(m.text()).contains("a long job").contains("Please re-send to continue.");
                                assertThat(m.replyTo()).isEqualTo(id);
                            }));
            await("still one notice once the lost-run watchdog had its chance")
                    .during(PAST_THE_WATCHDOG)
                    .atMost(PAST_THE_WATCHDOG.plusSeconds(5))
                    .untilAsserted(() ->
                            assertThat(interruptedNotices(DuctorStack.ALICE)).hasSize(1));
            assertThat(stack.service("orchestrator").metrics())
                    .as("told by the runner's SHUTDOWN report, not by the lost-run watchdog")
                    .doesNotContainPattern("(?m)^ductor_runs_lost_total\\S* [1-9]");

            stack.restart("cli-runner");
            stack.awaitVersionProbes(claude);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() ->
                            assertThat(callsFor(claude, DuctorStack.ALICE)).hasSize(1));

            int next = telegram.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "hello there");
            await("the next message answered by the restarted runner")
                    .atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.ALICE))
                            .anySatisfy(m -> {
                                assertThat(m.text()).isEqualTo(PrivateChatIT.ANSWER);
                                assertThat(m.replyTo()).isEqualTo(next);
                            }));
            assertThat(callsFor(claude, DuctorStack.ALICE))
                    .hasSize(2)
                    .filteredOn(c -> c.stdin().contains("a long job")
                            || String.join(" ", c.argv()).contains("a long job"))
                    .hasSize(1);
            assertThat(interruptedNotices(DuctorStack.ALICE)).hasSize(1);
        } finally {
            claude.release(call);
        }
    }

    private void awaitStreamed(long chat) {
        await("the turn's first block streamed to the chat")
                .atMost(Duration.ofSeconds(30))
                .until(() -> botMessages(stack.telegram(), chat).stream()
                        .anyMatch(m -> m.text().startsWith(WORKING)));
    }

    private List<BotMessage> interruptedNotices(long chat) {
        return botMessages(stack.telegram(), chat).stream()
                .filter(m -> m.text().contains("Interrupted Task"))
                .toList();
    }
}
