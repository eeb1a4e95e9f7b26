package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Behaviour scenarios 42–44, 47 and 49–51 (sessions: recovery, errors, provider buckets, freshness, the memory
 * hook, {@code @model}) and 75 (a user added to the allowlist while running) through every service. The
 * configured default model is sonnet. Each scenario has its own private chat (47: a forum topic, since
 * {@code /model} outside topics would change the configured default), and scripts the fake CLIs anew:
 * the n-th call of a test plays its n-th response.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionScenariosIT {

    static final Duration TURN = Conversation.TURN;
    static final long ERIN = 2011;
    static final long FRANK = 2013;
    static final long GRACE = 2014;
    static final long HEIDI = 2016;
    /** Not on the allowlist until scenario 75 adds her. */
    static final long YVONNE = 3075;

    static final long TOPIC = 47;
    static final String MAIN_MEMORY = "# Main memory\n\nThe user likes answers short. (SessionScenariosIT)\n";
    static final String SIGKILL_TEXT = "Execution was interrupted. Please send the same request again.";
    static final String RECOVERED = "Previous session could not be restored. A new session was started automatically.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DuctorStack stack;
    private final List<FakeCli> scripted = new ArrayList<>();

    SessionScenariosIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void configure() throws IOException {
        stack.editConfig(config -> {
            config.put("model", "sonnet");
            ArrayNode users = (ArrayNode) config.get("allowed_user_ids");
            users.add(ERIN).add(FRANK).add(GRACE).add(HEIDI);
        });
        Path memory = stack.home().resolve("workspace/memory_system/MAINMEMORY.md");
        Files.createDirectories(memory.getParent());
        Files.writeString(memory, MAIN_MEMORY);
        // The runner asks `<cli> --version` once per executable it finds; each probe takes a response.
        stack.claude().respond(Response.lines("2.1.0 (Claude Code)")).install();
        codex().respond(Response.lines("codex-cli 0.98.0")).install();
    }

    @BeforeAll
    void awaitTheVersionProbes() {
        stack.awaitVersionProbes(stack.claude(), codex());
    }

    /** The next test scripts the fakes anew: every CLI this test started must be gone first. */
    @AfterEach
    void noCliLeftRunning() {
        List<Invocation> calls =
                scripted.stream().flatMap(cli -> cli.invocations().stream()).toList();
        scripted.clear();
        try {
            await("every CLI started by the test has exited")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> calls.stream().allMatch(call -> gone(call.pid())));
        } finally {
            calls.forEach(call -> ProcessHandle.of(call.pid()).ifPresent(ProcessHandle::destroy));
        }
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * The CLI really dies of SIGKILL (it sends itself signal 9). While the retry runs the chat shows
     * "[Please wait, recovering...]", which the retry's answer then replaces.
     */
    @Test
    @Order(1)
    void scenario42_aSigkilledCliIsRetriedOnceInAFreshSession_andASecondKillAsksToSendAgain() {
        var c = Conversation.privateChat(DuctorStack.ALICE);
        FakeCli claude = claude(
                answer("s42-a", "First answer."),
                killed("s42-a"), // resumes s42-a and dies of SIGKILL
                answer("s42-b", "Recovered answer."), // the fresh retry
                killed("s42-b"), // resumes the retry's session and dies of SIGKILL
                killed("s42-c")); // its fresh retry dies too
        int first = send(c, "first question");
        assertThat(awaitReply(c, first, m -> m.text().equals("First answer."))).isNotNull();

        int second = send(c, "heavy question");

        assertThat(awaitCall(claude, c, 2).argv()).containsSubsequence("--resume", "s42-a");
        Invocation retry = awaitCall(claude, c, 3);
        assertThat(retry.argv()).doesNotContain("--resume");
        assertThat(retry.stdin()).isEqualTo("heavy question");
        awaitReply(c, second, m -> m.text().equals("Recovered answer."));
        assertThat(stack.telegram().requests("sendMessage"))
                .as("the retry's status was shown before its answer replaced it")
                .anyMatch(r -> String.valueOf(DuctorStack.ALICE).equals(r.param("chat_id"))
                        && String.valueOf(r.param("text")).contains("Please wait, recovering..."));
        assertThat(visibleReplies(c, second))
                .as("the killed run leaves nothing behind but the recovered answer")
                .containsExactly("Recovered answer.");

        int third = send(c, "heavy again");

        assertThat(awaitCall(claude, c, 4).argv()).containsSubsequence("--resume", "s42-b");
        Invocation secondRetry = awaitCall(claude, c, 5);
        assertThat(secondRetry.argv()).doesNotContain("--resume");
        assertThat(secondRetry.stdin()).isEqualTo("heavy again");
        awaitReply(c, third, m -> m.text().equals(SIGKILL_TEXT));
        await("exactly one retry: no third run of the message")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls(claude, c)).hasSize(5));
        assertThat(visibleReplies(c, third)).containsExactly(SIGKILL_TEXT);
        await("the runner counts three deaths by SIGKILL (128 + 9)")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stack.service("cli-runner").metrics())
                        .containsPattern("ductor_run_exit_codes_total\\{[^}]*code=\"137\"[^}]*} 3\\.0"));
    }

    @Test
    @Order(2)
    void scenario43_aSessionThatCannotBeResumedIsRetriedOnceFresh_andTheAnswerSaysSo() {
        var c = Conversation.privateChat(DuctorStack.BOB);
        FakeCli claude = claude(
                answer("s43-old", "Old answer."),
                Response.sample("claude-bad-resume.stream-json.jsonl").exitCode(1),
                answer("s43-new", "Fresh answer."),
                answer("s43-new", "Next answer."));
        awaitReply(c, send(c, "first question"), m -> m.text().equals("Old answer."));

        int second = send(c, "what did we say?");

        assertThat(awaitCall(claude, c, 2).argv()).containsSubsequence("--resume", "s43-old");
        Invocation retry = awaitCall(claude, c, 3);
        assertThat(retry.argv()).doesNotContain("--resume");
        assertThat(retry.stdin()).isEqualTo("what did we say?");
        BotMessage answer = awaitReply(c, second, m -> m.text().endsWith("Fresh answer."));
        assertThat(answer.text()).isEqualTo(RECOVERED + "\n\nFresh answer.");
        assertThat(answer.source()).startsWith("<i>" + RECOVERED + "</i>");
        await("one retry only")
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls(claude, c)).hasSize(3));

        int third = send(c, "and now?");

        assertThat(awaitCall(claude, c, 4).argv())
                .as("the next message resumes the new session")
                .containsSubsequence("--resume", "s43-new");
        awaitReply(c, third, m -> m.text().equals("Next answer."));
    }

    @Test
    @Order(3)
    void scenario44_aRateLimitIsASessionErrorWithItsCause_notRetried_andTheSessionIsKept() {
        var c = Conversation.privateChat(DuctorStack.CAROL);
        FakeCli claude = claude(
                answer("s44", "First answer."),
                failed(
                        "s44",
                        "API Error: 429 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":"
                                + "\\\"rate_limit_error\\\",\\\"message\\\":\\\"Number of request tokens has exceeded your"
                                + " per-minute rate limit\\\"}}"),
                answer("s44", "Later answer."));
        awaitReply(c, send(c, "first question"), m -> m.text().equals("First answer."));

        int second = send(c, "second question");

        assertThat(awaitCall(claude, c, 2).argv()).containsSubsequence("--resume", "s44");
        BotMessage error = awaitReply(c, second, m -> m.text().startsWith("Session Error"));
        assertThat(error.text())
                .isEqualTo("Session Error\n\n───\n\n[sonnet] An error occurred.\n"
                        + "Your session has been preserved -- send another message to retry.\n"
                        + "Use /new to start a fresh session if the problem persists.\n\n"
                        + "Cause: Rate limit reached. Wait a moment and try again.");
        assertThat(error.source()).contains("<b>Session Error</b>").contains("<b>Cause:</b> Rate limit reached.");
        await("no retry")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls(claude, c)).hasSize(2));

        int third = send(c, "third question");

        assertThat(awaitCall(claude, c, 3).argv())
                .as("the next message resumes the same session")
                .containsSubsequence("--resume", "s44");
        assertThat(awaitCall(claude, c, 3).stdin()).isEqualTo("third question");
        awaitReply(c, third, m -> m.text().equals("Later answer."));
    }

    @Test
    @Order(4)
    void scenario47_newOnCodexResetsOnlyTheClaudeBucketAndReturnsToTheDefault() throws IOException {
        var c = Conversation.topic(TOPIC, DuctorStack.DAVE);
        FakeCli claude = claude(answer("s47-claude", "Claude answer."), answer("s47-fresh", "Claude again."));
        FakeCli codex = script(codex().respond(codexAnswer("t47-codex", "Codex answer."))
                .then(codexAnswer("t47-codex", "Codex again.")));
        awaitReply(c, send(c, "first question"), m -> m.text().equals("Claude answer."));
        assertThat(calls(claude, c).getFirst().argv()).containsSubsequence("--model", "sonnet");

        awaitReply(c, send(c, "/model gpt-5.5"), m -> m.text().startsWith("Model switched."));
        awaitReply(c, send(c, "a question for codex"), m -> m.text().equals("Codex answer."));
        assertThat(awaitCall(codex, c, 1).argv()).containsSubsequence("--model", "gpt-5.5");
        assertThat(config().get("model").asString())
                .as("/model in a topic leaves the configured default alone")
                .isEqualTo("sonnet");

        BotMessage reset = awaitReply(c, send(c, "/new"), m -> m.text().startsWith("Session Reset"));

        assertThat(reset.text()).contains("Session reset for Claude in this chat only.");
        JsonNode session = JSON.readTree(Files.readString(stack.home().resolve("sessions.json")))
                .get("tg:" + DuctorStack.GROUP + ":" + TOPIC);
        assertThat(session.get("provider").asString()).isEqualTo("claude");
        assertThat(session.get("model").asString()).isEqualTo("sonnet");
        assertThat(session.get("provider_sessions").has("claude")).isFalse();
        assertThat(session.get("provider_sessions")
                        .get("codex")
                        .get("session_id")
                        .asString())
                .isEqualTo("t47-codex");

        int afterNew = send(c, "after the reset");

        assertThat(awaitCall(claude, c, 2).argv())
                .as("the default, Claude, in a new session")
                .containsSubsequence("--model", "sonnet")
                .doesNotContain("--resume");
        assertThat(awaitCall(claude, c, 2).stdin()).isEqualTo("after the reset");
        awaitReply(c, afterNew, m -> m.text().equals("Claude again."));
        assertThat(calls(codex, c)).hasSize(1);

        awaitReply(c, send(c, "/model gpt-5.5"), m -> m.text().startsWith("Model switched."));
        awaitReply(c, send(c, "back to codex"), m -> m.text().equals("Codex again."));
        assertThat(awaitCall(codex, c, 2).argv())
                .as("Codex's bucket survived /new")
                .containsSubsequence("resume", "--", "t47-codex");
    }

    @Test
    @Order(5)
    void scenario50_theSixthMessageEndsWithTheMemoryCheck_theFirstFiveDoNot() {
        var c = Conversation.privateChat(ERIN);
        FakeCli claude = claude(answer("s50", "Noted."));

        for (int n = 1; n <= 6; n++) {
            awaitReply(c, send(c, "message " + n), m -> m.text().equals("Noted."));
        }

        List<Invocation> calls = calls(claude, c);
        assertThat(calls).hasSize(6);
        for (int n = 1; n <= 5; n++) {
            assertThat(prompt(calls.get(n - 1))).as("prompt %d", n).isEqualTo("message " + n);
        }
        assertThat(prompt(calls.get(5)))
                .matches(Pattern.compile(
                        "message 6\n\n## MEMORY CHECK\n"
                                + Pattern.quote(
                                        "Silently review: memory_system/MAINMEMORY.md, user_tools/, cron_tasks/.")
                                + "\n.*update MAINMEMORY\\.md silently\\.\n"
                                + "If you notice a gap that only the user can fill, ask ONE natural follow-up"
                                + " question[^\n]*",
                        Pattern.DOTALL));
    }

    @Test
    @Order(6)
    void scenario51_anAtModelDirectiveRunsThisTurnOnOpusAndTheChatKeepsIt() {
        var c = Conversation.privateChat(FRANK);
        FakeCli claude = claude(answer("s51", "On sonnet."), answer("s51", "On opus."), answer("s51", "Still opus."));
        awaitReply(c, send(c, "hello"), m -> m.text().equals("On sonnet."));
        assertThat(calls(claude, c).getFirst().argv()).containsSubsequence("--model", "sonnet");

        awaitReply(c, send(c, "@opus explain X"), m -> m.text().equals("On opus."));

        assertThat(awaitCall(claude, c, 2).argv()).containsSubsequence("--model", "opus");
        assertThat(awaitCall(claude, c, 2).stdin()).isEqualTo("explain X");

        awaitReply(c, send(c, "and in more detail?"), m -> m.text().equals("Still opus."));
        assertThat(awaitCall(claude, c, 3).argv())
                .as("the next plain message keeps opus")
                .containsSubsequence("--model", "opus");
        assertThat(awaitCall(claude, c, 3).stdin()).isEqualTo("and in more detail?");

        BotMessage next = awaitReply(c, send(c, "@opus"));
        assertThat(next.text()).startsWith("Next message will use: opus");
        await("a directive alone runs nothing")
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls(claude, c)).hasSize(3));
    }

    @Test
    @Order(7)
    void scenario75_aUserAddedToTheAllowlistCanChatWithinSecondsWithoutRestart() throws IOException {
        var c = Conversation.privateChat(YVONNE);
        FakeCli claude = claude(answer("s75", "Welcome."));
        double refusedBefore = unauthorized();
        send(c, "hi");
        await("the message of a user not on the list is dropped")
                .atMost(TURN)
                .until(() -> unauthorized() > refusedBefore);
        assertThat(calls(claude, c)).isEmpty();
        assertThat(stack.telegram().chat(YVONNE)).isEmpty();

        stack.editConfig(config -> ((ArrayNode) config.get("allowed_user_ids")).add(YVONNE));

        await("within ~5 s the new user is answered (a /status, sent until one is)")
                .atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!ChatScript.botMessages(stack.telegram(), YVONNE).isEmpty()) {
                        return true;
                    }
                    send(c, "/status");
                    return false;
                });
        int hello = send(c, "hello, I am new here");

        assertThat(awaitCall(claude, c, 1).stdin()).isEqualTo("hello, I am new here");
        awaitReply(c, hello, m -> m.text().equals("Welcome."));
    }

    /**
     * Last: the orchestrator keeps sessions.json in memory and only reads it at start, so the idle
     * session is made by stopping it, backdating {@code last_active} and starting it again. A second
     * chat, active seconds before, shows that the restart itself starts no new session.
     */
    @Test
    @Order(8)
    void scenario49_aSessionIdleLongerThanTheTimeoutStartsANewCliSessionWithMainMemory() throws IOException {
        var idle = Conversation.privateChat(GRACE);
        var recent = Conversation.privateChat(HEIDI);
        FakeCli claude = claude(
                answer("s49-idle", "Hello."),
                answer("s49-recent", "Hello."),
                answer("s49-recent", "Welcome back."),
                answer("s49-new", "Nice to meet you."));
        awaitReply(idle, send(idle, "first"), m -> m.text().equals("Hello."));
        awaitReply(recent, send(recent, "first"), m -> m.text().equals("Hello."));
        assertThat(calls(claude, idle).getFirst().files())
                .as("a new session gets the main memory")
                .containsEntry("--append-system-prompt-file", MAIN_MEMORY);

        stack.service("orchestrator").stop();
        Path sessions = stack.home().resolve("sessions.json");
        ObjectNode all = (ObjectNode) JSON.readTree(Files.readString(sessions));
        ObjectNode idleSession = (ObjectNode) all.get("tg:" + GRACE);
        assertThat(idleSession.get("last_active").isString()).isTrue();
        idleSession.put(
                "last_active", Instant.now().minus(Duration.ofMinutes(10)).toString());
        DuctorStack.writeAtomically(sessions, all.toString());
        // 5 minutes: the recent chat stays inside it however long the restart takes on a loaded machine
        stack.editConfig(config -> config.put("idle_timeout_minutes", 5));
        stack.restart("orchestrator");

        int back = send(recent, "again");
        assertThat(awaitCall(claude, recent, 2).argv())
                .as("active seconds ago: resumed")
                .containsSubsequence("--resume", "s49-recent")
                .doesNotContain("--append-system-prompt-file");
        awaitReply(recent, back, m -> m.text().equals("Welcome back."));

        int after = send(idle, "after a break");

        assertThat(awaitCall(claude, idle, 2).argv())
                .as("idle for 10 min with idle_timeout_minutes 5: a new CLI session, with the main memory")
                .doesNotContain("--resume");
        assertThat(awaitCall(claude, idle, 2).files()).containsEntry("--append-system-prompt-file", MAIN_MEMORY);
        assertThat(awaitCall(claude, idle, 2).stdin()).isEqualTo("after a break");
        awaitReply(idle, after, m -> m.text().equals("Nice to meet you."));
    }

    // ---------------------------------------------------------------- the fake CLIs

    private FakeCli codex() {
        return FakeCli.in(stack.claude().directory()).named("codex");
    }

    private FakeCli claude(Response first, Response... more) {
        FakeCli cli = stack.claude().respond(first);
        for (Response next : more) {
            cli = cli.then(next);
        }
        return script(cli);
    }

    private FakeCli script(FakeCli cli) {
        FakeCli installed = cli.install();
        scripted.add(installed);
        return installed;
    }

    private static String init(String session) {
        return "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + session + "\"}";
    }

    /** A turn that answers {@code text} in {@code session}. */
    static Response answer(String session, String text) {
        return Response.lines(
                init(session),
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text
                        + "\"}]},\"session_id\":\"" + session + "\"}",
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"" + text
                        + "\",\"session_id\":\"" + session + "\",\"total_cost_usd\":0.001,"
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2},\"duration_ms\":900}");
    }

    /** Starts {@code session}, then dies of SIGKILL (as the OOM killer ends a CLI). */
    static Response killed(String session) {
        return Response.lines(init(session)).killedBy(9);
    }

    /** An API error as Claude Code reports it: an error result (JSON-escaped {@code error}), exit 1. */
    static Response failed(String session, String error) {
        return Response.lines(
                        init(session),
                        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":\"" + error
                                + "\",\"session_id\":\"" + session + "\",\"total_cost_usd\":0,"
                                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0},\"duration_ms\":300}")
                .exitCode(1);
    }

    static Response codexAnswer(String thread, String text) {
        return Response.lines(
                "{\"type\":\"thread.started\",\"thread_id\":\"" + thread + "\"}",
                "{\"type\":\"turn.started\"}",
                "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"agent_message\",\"text\":\"" + text
                        + "\"}}",
                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":10,\"cached_input_tokens\":0,"
                        + "\"output_tokens\":5}}");
    }

    /** The calls that ran a turn in {@code c} (not the runner's {@code --version} probe). */
    private static List<Invocation> calls(FakeCli cli, Conversation c) {
        return cli.invocations().stream()
                .filter(call -> !call.argv().contains("--version"))
                .filter(call -> String.valueOf(c.chatId()).equals(call.env().get("DUCTOR_CHAT_ID")))
                .filter(call -> Objects.equals(
                        c.topic() == null ? null : String.valueOf(c.topic()),
                        call.env().get("DUCTOR_TOPIC_ID")))
                .toList();
    }

    private static Invocation awaitCall(FakeCli cli, Conversation c, int n) {
        await("CLI call " + n + " of " + c)
                .atMost(TURN)
                .until(() -> calls(cli, c).size() >= n);
        return calls(cli, c).get(n - 1);
    }

    /** What the agent was asked: Claude reads the prompt on stdin (never in argv). */
    private static String prompt(Invocation call) {
        return call.stdin();
    }

    private static boolean gone(long pid) {
        return pid == 0 || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    // ---------------------------------------------------------------- the fake Telegram

    private int send(Conversation c, String text) {
        return c.send(stack.telegram(), text);
    }

    /** Every message the bot sent in the conversation, deleted ones included. */
    private List<BotMessage> all(Conversation c) {
        return c.all(stack.telegram());
    }

    private List<BotMessage> replies(Conversation c, int to) {
        return c.replies(stack.telegram(), to);
    }

    /** The texts of the replies to {@code to} that are still shown. */
    private List<String> visibleReplies(Conversation c, int to) {
        return replies(c, to).stream()
                .filter(m -> !m.deleted())
                .map(BotMessage::text)
                .filter(t -> !t.isBlank())
                .toList();
    }

    private Optional<BotMessage> reply(Conversation c, int to, Predicate<BotMessage> matching) {
        return c.reply(stack.telegram(), to, matching);
    }

    private BotMessage awaitReply(Conversation c, int to) {
        return awaitReply(c, to, m -> true);
    }

    private BotMessage awaitReply(Conversation c, int to, Predicate<BotMessage> matching) {
        return c.awaitReply(stack.telegram(), to, matching);
    }

    // ---------------------------------------------------------------- files and metrics

    private ObjectNode config() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(stack.home().resolve("config/config.json")));
    }

    /** How many messages the orchestrator dropped because their sender is not allowed. */
    /** Strangers' updates the gateway dropped (it authorises before anything else, docs/design.md). */
    private double unauthorized() {
        Matcher m = Pattern.compile("(?m)^ductor_telegram_updates_total\\{[^}]*kind=\"unauthorized\"[^}]*} (\\S+)$")
                .matcher(stack.service("gateway-telegram").metrics());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
