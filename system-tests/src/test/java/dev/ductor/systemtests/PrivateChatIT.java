package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Spec scenarios 1, 2 and 15, and resuming the CLI session, through every service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateChatIT {

    static final String SESSION_ID = "04f42236-9b6b-4e1a-b43d-b3728c0def06";
    static final String ANSWER = "Hello from fake anthropic. You said: hello there";

    @TempDir
    static Path work;

    private DuctorStack stack;
    private FakeCli claude;

    @BeforeAll
    void startDuctor() {
        stack = new DuctorStack(work);
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl").delay(Duration.ofMillis(100)))
                .install();
        stack.start();
    }

    @AfterAll
    void stopDuctor() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void scenario1_anAllowedUsersMessageRunsTheCliOnceAndTheAnswerRepliesToIt_thenTheSecondResumesTheSession()
            throws Exception {
        var telegram = stack.telegram();
        int first = telegram.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "hi");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.ALICE))
                        .singleElement()
                        .satisfies(m -> {
                            assertThat(m.text()).isEqualTo(ANSWER);
                            assertThat(m.replyTo()).isEqualTo(first);
                        }));
        var calls = callsFor(claude, DuctorStack.ALICE);
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().argv())
                .startsWith("--verbose", "-p", "--output-format", "stream-json")
                .containsSubsequence("--model", "opus")
                .containsSubsequence("--permission-mode", "bypassPermissions")
                .doesNotContain("--resume");
        assertThat(calls.getFirst().stdin()).isEqualTo("hi");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(stack.home().resolve("sessions.json")))
                        .contains("\"tg:" + DuctorStack.ALICE + "\"")
                        .contains(SESSION_ID));

        int second = telegram.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "and now?");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.ALICE))
                        .hasSize(2)
                        .last()
                        .satisfies(m -> assertThat(m.replyTo()).isEqualTo(second)));
        assertThat(callsFor(claude, DuctorStack.ALICE).get(1).argv()).containsSubsequence("--resume", SESSION_ID);
        assertThat(callsFor(claude, DuctorStack.ALICE).get(1).stdin()).isEqualTo("and now?");
    }

    @Test
    void scenario2_aUserNotOnTheAllowlistGetsNoAnswerAndNoCliRuns() {
        var telegram = stack.telegram();
        telegram.sendUserMessage(DuctorStack.MALLORY, DuctorStack.MALLORY, "hi");

        await().atMost(Duration.ofSeconds(15)).until(() -> telegram.pendingUpdates() == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(telegram.chat(DuctorStack.MALLORY)).isEmpty();
            assertThat(callsFor(claude, DuctorStack.MALLORY)).isEmpty();
        });
        assertThat(stack.service("orchestrator").metrics())
                .containsPattern("ductor_inbound_messages_total\\{.*outcome=\"unauthorized\".*} [1-9]");
    }

    @Test
    void scenario15_theSameMessageDeliveredTwiceRunsTheCliOnce() {
        var telegram = stack.telegram();
        telegram.injectUpdate(ChatScript.privateMessage(DuctorStack.BOB, 501, "only once please"));
        telegram.injectUpdate(ChatScript.privateMessage(DuctorStack.BOB, 501, "only once please"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(botMessages(telegram, DuctorStack.BOB))
                        .singleElement()
                        .satisfies(m -> assertThat(m.text()).isEqualTo(ANSWER)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(callsFor(claude, DuctorStack.BOB)).hasSize(1);
            assertThat(botMessages(telegram, DuctorStack.BOB)).hasSize(1);
        });
    }
}
