package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec scenarios 8–14 and 16–18: stopping, interrupting, queueing and cancelling while a turn runs,
 * the quick commands that bypass the queue, {@code /model} during a turn and topics stopped one at a
 * time — through every service. Each test has its own private chat; scenario 18 has two forum topics of
 * the group.
 *
 * <p>The fake {@code claude} is scripted anew by each test (its n-th call plays the n-th response), so
 * every test leaves no CLI running behind it. The technical footer is on: an answer that was finalised
 * ends with {@code Model: …}, a stopped turn's partial output does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationScenariosIT {

    static final String STOPPED = "Claude terminated. All queued messages discarded.";
    static final String QUEUED = "[Message in queue...]";
    static final String CANCEL = "Cancel message";
    static final Duration AT_ONCE = Duration.ofSeconds(15);
    static final Duration TURN = Conversation.TURN;
    static final long ERIN = 2011;
    static final long FRANK = 2013;
    static final long GRACE = 2014;
    static final long HEIDI = 2016;

    @TempDir
    static Path work;

    private DuctorStack stack;
    private @Nullable FakeCli claude;

    @BeforeAll
    void startDuctor() throws IOException {
        stack = new DuctorStack(work);
        configure(stack.home().resolve("config/config.json"));
        // The runner asks `claude --version` once when it starts; that call takes the first response.
        FakeCli probe =
                stack.claude().respond(Response.lines("2.1.0 (Claude Code)")).install();
        stack.start();
        await("the runner's claude --version probe")
                .atMost(Duration.ofSeconds(30))
                .until(() -> probe.invocations().stream()
                        .anyMatch(call -> call.argv().contains("--version") && gone(call.pid())));
    }

    /**
     * The technical footer on, and more allowed users: every scenario but the one about topics has its
     * own private chat, since a group takes only 20 bot messages a minute (the gateway paces them).
     */
    private static void configure(Path config) throws IOException {
        String json = Files.readString(config);
        String extended = json.replace(
                        "\"allowed_user_ids\": [",
                        "\"allowed_user_ids\": [" + ERIN + ", " + FRANK + ", " + GRACE + ", " + HEIDI + ", ")
                .replace("\"streaming\":", "\"scene\": {\"technical_footer\": true},\n  \"streaming\":");
        assertThat(extended).contains("\"technical_footer\"").contains("[" + ERIN + ", ");
        Files.writeString(config, extended);
    }

    @AfterAll
    void stopDuctor() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The next test scripts the fake anew: every CLI this test started must be gone first. One a failed
     * test left running is ended with SIGTERM (a SIGKILL would make ductor retry the turn in a fresh
     * session, taking a call the next test scripted).
     */
    @AfterEach
    void noCliLeftRunning() {
        if (claude == null) {
            return;
        }
        List<Invocation> calls = claude.invocations();
        claude = null;
        try {
            await("every CLI started by the test has exited")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> calls.stream().allMatch(call -> gone(call.pid()) && gone(call.childPid())));
        } finally {
            for (Invocation call : calls) {
                end(call.pid());
                end(call.childPid());
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    @Order(1)
    void scenario8_stopKillsTheRunningCliAndItsPartialOutputIsNotFinalisedAsAnAnswer() {
        var c = Conversation.privateChat(DuctorStack.ALICE);
        claude = script(hanging("s8", "Partial thought.").spawnChild());
        int question = send(c, "write a long essay");
        Invocation call = awaitCall(c, 1);
        BotMessage partial = awaitStreamed(c, question, "Partial thought.");

        int stop = send(c, "stop");

        BotMessage reply = awaitReply(c, stop);
        assertAgentStopped(reply);
        awaitGone(call);
        await("nothing more of the stopped turn")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    assertThat(visible(c)).extracting(BotMessage::id).containsExactly(partial.id(), reply.id());
                    assertThat(message(c, partial.id()).text())
                            .as("the partial output stays as it was, without the footer of a finished answer")
                            .isEqualTo(partial.text())
                            .doesNotContain("Model: ");
                    assertThat(calls(c)).hasSize(1);
                });

        int status = send(c, "/status");
        assertThat(awaitReply(c, status).text())
                .as("the stopped turn is not counted as an answered message")
                .contains("Messages: 0")
                .contains("Queue: idle, 0 waiting");
    }

    @Test
    @Order(2)
    void scenario9and12_aSentenceStartingWithStopIsQueuedWithACancelButton_thenRunsWhenTheTurnEnds() {
        var c = Conversation.privateChat(DuctorStack.BOB);
        claude = script(answering("s9", "First answer.", Duration.ofMillis(1500)))
                .then(answering("s9", "Second answer.", Duration.ofMillis(100)))
                .install();
        int first = send(c, "first question");
        awaitCall(c, 1);

        int second = send(c, "stop the server please");

        BotMessage indicator = awaitIndicator(c, second);
        assertThat(awaitReply(c, first, m -> m.text().contains("Model: ")).text())
                .as("the first turn was not stopped: it ends with its answer and the footer")
                .startsWith("First answer.")
                .contains("Model: opus");
        await("the indicator is deleted when the queued message's turn starts")
                .atMost(TURN)
                .until(() -> message(c, indicator.id()).deleted());
        Invocation next = awaitCall(c, 2);
        assertThat(next.stdin()).isEqualTo("stop the server please");
        assertThat(awaitReply(c, second, m -> m.text().contains("Model: ")).text())
                .startsWith("Second answer.");
        assertThat(visible(c)).noneSatisfy(m -> assertThat(m.text()).contains("Agent Stopped"));
    }

    @Test
    @Order(3)
    void scenario10_germanAbortWordsStop_andStopAllStopsEveryProcess() {
        var c = Conversation.privateChat(DuctorStack.CAROL);
        claude = script(hanging("s10", "Working."));
        int n = 0;
        for (String word : List.of("Stopp", "abbrechen")) {
            n++;
            int question = send(c, "task " + n);
            Invocation call = awaitCall(c, n);
            awaitStreamed(c, question, "Working.");

            int stop = send(c, word);

            assertAgentStopped(awaitReply(c, stop));
            awaitGone(call);
        }

        int question = send(c, "task 3");
        Invocation call = awaitCall(c, 3);
        awaitStreamed(c, question, "Working.");

        int stopAll = send(c, "stop all");

        assertThat(awaitReply(c, stopAll).text()).isEqualTo("Stopped 1 process(es) across all agents.");
        awaitGone(call);
        assertThat(calls(c)).hasSize(3);
    }

    @Test
    @Order(4)
    void scenario11_interruptEndsTheRunningTurnAndTheQueuedMessageRunsAfterwards() {
        var c = Conversation.privateChat(ERIN);
        claude = script(hanging("s11", "Thinking."))
                .then(answering("s11", "Done after the interrupt.", Duration.ofMillis(100)))
                .install();
        int first = send(c, "a long task");
        Invocation call = awaitCall(c, 1);
        awaitStreamed(c, first, "Thinking.");
        int queued = send(c, "then this one");
        BotMessage indicator = awaitIndicator(c, queued);

        int interrupt = send(c, "/interrupt");

        assertThat(awaitReply(c, interrupt).text()).isEqualTo("Interrupted 1 process(es).");
        awaitGone(call);
        await("the CLI ended by SIGINT (exit 130), not killed")
                .atMost(AT_ONCE)
                .untilAsserted(() -> assertThat(stack.service("cli-runner").metrics())
                        .containsPattern("ductor_run_exit_codes_total\\{[^}]*code=\"130\"[^}]*} 1"));
        Invocation next = awaitCall(c, 2);
        assertThat(next.stdin()).isEqualTo("then this one");
        assertThat(awaitReply(c, queued, m -> m.text().contains("Model: ")).text())
                .startsWith("Done after the interrupt.");
        assertThat(message(c, indicator.id()).deleted()).isTrue();
    }

    @Test
    @Order(5)
    void scenario13_cancelMessageTakesTheQueuedMessageOutAndItNeverReachesTheCli() {
        var c = Conversation.privateChat(FRANK);
        claude = script(answering("s13", "First.", Duration.ofMillis(1500)))
                .then(answering("s13", "After the cancel.", Duration.ofMillis(100)))
                .install();
        int first = send(c, "first question");
        awaitCall(c, 1);
        int queued = send(c, "please never run this");
        BotMessage indicator = awaitIndicator(c, queued);

        String callback = stack.telegram().pressButton(c.chatId(), indicator.id(), c.user(), CANCEL);

        await("the indicator says the message was cancelled")
                .atMost(AT_ONCE)
                .untilAsserted(() -> assertThat(message(c, indicator.id())).satisfies(m -> {
                    assertThat(m.deleted()).isFalse();
                    assertThat(m.text()).isEqualTo("[Message cancelled.]");
                    assertThat(m.buttons()).isEmpty();
                }));
        await("the press is answered")
                .atMost(AT_ONCE)
                .until(() -> stack.telegram().requests("answerCallbackQuery").stream()
                        .anyMatch(r -> r.param("callback_query_id").equals(callback)));
        assertThat(awaitReply(c, first, m -> m.text().contains("Model: ")).text())
                .startsWith("First.");

        int after = send(c, "after the cancel");

        assertThat(awaitCall(c, 2).stdin()).isEqualTo("after the cancel");
        assertThat(awaitReply(c, after, m -> m.text().contains("Model: ")).text())
                .startsWith("After the cancel.");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(calls(c)).hasSize(2);
            assertThat(calls(c)).noneSatisfy(call -> assertThat(call.argv()).contains("please never run this"));
            assertThat(replies(c, queued))
                    .as("the cancelled message gets no answer")
                    .extracting(BotMessage::id)
                    .containsExactly(indicator.id());
        });
    }

    @Test
    @Order(6)
    void scenario14_stopDiscardsBothQueuedMessages() {
        var c = Conversation.privateChat(GRACE);
        claude = script(hanging("s14", "Busy."));
        int first = send(c, "first question");
        Invocation call = awaitCall(c, 1);
        awaitStreamed(c, first, "Busy.");
        int second = send(c, "second question");
        int third = send(c, "third question");
        BotMessage secondIndicator = awaitIndicator(c, second);
        BotMessage thirdIndicator = awaitIndicator(c, third);

        int stop = send(c, "/stop");

        assertAgentStopped(awaitReply(c, stop));
        awaitGone(call);
        for (BotMessage indicator : List.of(secondIndicator, thirdIndicator)) {
            await("indicator " + indicator.id() + " says the message was discarded")
                    .atMost(AT_ONCE)
                    .untilAsserted(() -> assertThat(message(c, indicator.id())).satisfies(m -> {
                        assertThat(m.deleted()).isFalse();
                        assertThat(m.text()).isEqualTo("[Message discarded.]");
                        assertThat(m.buttons()).isEmpty();
                    }));
        }
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls(c)).hasSize(1));
    }

    @Test
    @Order(7)
    void scenario16_statusMemoryModelAndCronAreAnsweredAtOnceDuringATurn() {
        var c = Conversation.privateChat(HEIDI);
        claude = script(hanging("s16", "Busy."));
        int first = send(c, "first question");
        Invocation call = awaitCall(c, 1);
        awaitStreamed(c, first, "Busy.");

        int status = send(c, "/status");
        int memory = send(c, "/memory");
        int model = send(c, "/model");
        int cron = send(c, "/cron");

        assertThat(awaitReply(c, status).text()).contains("Status").contains("Queue: 1 running, 0 waiting");
        assertThat(awaitReply(c, memory).text()).contains("Main Memory");
        assertThat(awaitReply(c, model).text()).contains("Model Selector").contains("Current: opus");
        assertThat(awaitReply(c, cron).text()).contains("Scheduled Tasks");
        assertThat(alive(call.pid())).as("the turn is still running").isTrue();
        assertThat(all(c)).noneSatisfy(m -> assertThat(m.text()).contains(QUEUED));
        assertThat(calls(c)).hasSize(1);

        assertAgentStopped(awaitReply(c, send(c, "/stop")));
        awaitGone(call);
    }

    @Test
    @Order(8)
    void scenario18_stopInOneTopicKillsOnlyThatTopicsCli() {
        var one = Conversation.topic(41, DuctorStack.ALICE);
        var two = Conversation.topic(42, DuctorStack.BOB);
        claude = script(answering("s18-one", "Topic one answer.", Duration.ofSeconds(2)))
                .then(hanging("s18-two", "Topic two working."))
                .install();
        int questionOne = send(one, "question one");
        Invocation callOne = awaitCall(one, 1);
        int questionTwo = send(two, "question two");
        Invocation callTwo = awaitCall(two, 1);
        awaitStreamed(two, questionTwo, "Topic two working.");
        assertThat(alive(callOne.pid())).as("both topics' turns run at once").isTrue();

        int stop = send(two, "/stop");

        assertAgentStopped(awaitReply(two, stop));
        awaitGone(callTwo);
        assertThat(alive(callOne.pid()))
                .as("topic one's CLI still runs after the /stop in topic two")
                .isTrue();
        assertThat(awaitReply(one, questionOne, m -> m.text().contains("Model: "))
                        .text())
                .startsWith("Topic one answer.");
        assertThat(visible(one)).noneSatisfy(m -> assertThat(m.text()).contains("Agent Stopped"));
        assertThat(calls(one)).hasSize(1);
        assertThat(calls(two)).hasSize(1);
    }

    /** Last: outside a topic, {@code /model} also changes the configured default model. */
    @Test
    @Order(9)
    void scenario17_modelSwitchDuringATurnKillsItAndTheNextMessageUsesTheNewModel() {
        var c = Conversation.privateChat(DuctorStack.DAVE);
        claude = script(hanging("s17", "Working on opus."))
                .then(hanging("s17", "Working on sonnet."))
                .install();
        int first = send(c, "first question");
        Invocation firstCall = awaitCall(c, 1);
        assertThat(firstCall.argv()).containsSubsequence("--model", "opus");
        awaitStreamed(c, first, "Working on opus.");

        int switchModel = send(c, "/model sonnet");

        BotMessage switched = awaitReply(c, switchModel);
        assertThat(switched.text())
                .startsWith("Model switched.\nModel: opus -> sonnet")
                .as("the busy note, in italics")
                .endsWith("\n\nModel switched. Current process still running — new model applies to the next message.");
        assertThat(switched.source()).contains("<i><b>Model switched.</b> Current process still running");
        awaitGone(firstCall);

        int second = send(c, "second question");
        Invocation secondCall = awaitCall(c, 2);
        assertThat(secondCall.argv()).containsSubsequence("--model", "sonnet");
        assertThat(secondCall.stdin()).isEqualTo("second question");
        awaitStreamed(c, second, "Working on sonnet.");

        int again = send(c, "/model sonnet");

        assertThat(awaitReply(c, again).text()).isEqualTo("Already running sonnet. No changes made.");
        await("nothing is killed")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> alive(secondCall.pid()));

        assertThat(replies(c, switchModel))
                .as("answered at once, not queued")
                .extracting(BotMessage::id)
                .containsExactly(switched.id());
        assertThat(replies(c, again))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).doesNotContain(QUEUED));

        assertAgentStopped(awaitReply(c, send(c, "/stop")));
        awaitGone(secondCall);
    }

    // ---------------------------------------------------------------- the fake CLI

    private FakeCli script(Response first) {
        return stack.claude().respond(first).install();
    }

    private static String init(String session) {
        return "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + session + "\"}";
    }

    private static String text(String session, String text) {
        return "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text
                + "\"}]},\"session_id\":\"" + session + "\"}";
    }

    private static String result(String session, String text) {
        return "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"" + text
                + "\",\"session_id\":\"" + session + "\",\"total_cost_usd\":0.001,"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2},\"duration_ms\":900}";
    }

    /**
     * Streams a paragraph starting with {@code partial}, then runs until it is killed. The paragraph is
     * long enough (over the coalescer's 200 characters, ending in a blank line) to be shown at once.
     */
    static Response hanging(String session, String partial) {
        String paragraph = partial + " (" + "and so on ".repeat(20).strip() + ")\\n\\n";
        return Response.lines(init(session), text(session, paragraph)).hangs();
    }

    /** Answers {@code answer}, taking three times {@code pace} (a pause after each line). */
    static Response answering(String session, String answer, Duration pace) {
        return Response.lines(init(session), text(session, answer), result(session, answer))
                .delay(pace);
    }

    /** The calls that ran a turn in {@code c} (not the runner's {@code --version} probe). */
    private List<Invocation> calls(Conversation c) {
        FakeCli cli = Objects.requireNonNull(claude);
        return cli.invocations().stream()
                .filter(call -> !call.argv().contains("--version"))
                .filter(call -> String.valueOf(c.chatId()).equals(call.env().get("DUCTOR_CHAT_ID")))
                .filter(call -> Objects.equals(
                        c.topic() == null ? null : String.valueOf(c.topic()),
                        call.env().get("DUCTOR_TOPIC_ID")))
                .toList();
    }

    private Invocation awaitCall(Conversation c, int n) {
        await("CLI call " + n + " of " + c).atMost(TURN).until(() -> calls(c).size() >= n);
        return calls(c).get(n - 1);
    }

    private void awaitGone(Invocation call) {
        await("the CLI of call " + call.number() + " (pid " + call.pid() + ") has exited")
                .atMost(AT_ONCE)
                .until(() -> gone(call.pid()) && gone(call.childPid()));
    }

    private static void end(long pid) {
        if (pid == 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean gone(long pid) {
        return pid == 0 || !alive(pid);
    }

    // ---------------------------------------------------------------- the fake Telegram

    private int send(Conversation c, String text) {
        return c.send(stack.telegram(), text);
    }

    /** Every message the bot sent in the conversation, deleted ones included. */
    private List<BotMessage> all(Conversation c) {
        return c.all(stack.telegram());
    }

    private List<BotMessage> visible(Conversation c) {
        return all(c).stream().filter(m -> !m.deleted()).toList();
    }

    private BotMessage message(Conversation c, int id) {
        return all(c).stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    private List<BotMessage> replies(Conversation c, int to) {
        return c.replies(stack.telegram(), to);
    }

    private Optional<BotMessage> reply(Conversation c, int to, Predicate<BotMessage> matching) {
        return c.reply(stack.telegram(), to, matching);
    }

    /** The bot's first reply to the user's message {@code to}. */
    private BotMessage awaitReply(Conversation c, int to) {
        return awaitReply(c, to, m -> true);
    }

    private BotMessage awaitReply(Conversation c, int to, Predicate<BotMessage> matching) {
        return c.awaitReply(stack.telegram(), to, matching);
    }

    /** The streamed answer to {@code to}, once it shows {@code text}. */
    private BotMessage awaitStreamed(Conversation c, int to, String text) {
        return awaitReply(c, to, m -> m.text().startsWith(text));
    }

    /** The queue indicator of {@code queued}, found even if it was deleted already. */
    private BotMessage awaitIndicator(Conversation c, int queued) {
        BotMessage indicator = awaitReply(c, queued, m -> m.text().equals(QUEUED));
        assertThat(indicator.buttons())
                .as("the indicator's button")
                .containsExactly(List.of(new FakeButton(CANCEL, "mq:" + queued)));
        return indicator;
    }

    private static void assertAgentStopped(BotMessage reply) {
        assertThat(reply.text()).startsWith("Agent Stopped").endsWith(STOPPED);
        assertThat(reply.source()).contains("<b>Agent Stopped</b>");
    }
}
