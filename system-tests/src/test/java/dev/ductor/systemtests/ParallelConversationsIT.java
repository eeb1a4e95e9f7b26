package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec scenario 46: two private chats and two forum topics of one group hold four independent
 * conversations at once, and each resumes its own Claude session after a {@code /model} round trip
 * through Codex.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelConversationsIT {

    static final long TOPIC_A = 11;
    static final long TOPIC_B = 12;

    /** The n-th CLI call starts (or resumes) session {@code sess-n} and answers {@code answer n}. */
    static Response answer(int n) {
        String session = "sess-" + n;
        return Response.lines(
                        "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + session + "\"}",
                        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"answer " + n
                                + "\"}]},\"session_id\":\"" + session + "\"}",
                        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"answer " + n
                                + "\",\"session_id\":\"" + session + "\",\"total_cost_usd\":0.001,"
                                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2},\"duration_ms\":900}")
                .delay(Duration.ofMillis(700));
    }

    /** One conversation: a private chat or a topic of the group, and the user writing in it. */
    record Context(String name, long chatId, @Nullable Long topic, long user) {}

    static final List<Context> CONTEXTS = List.of(
            new Context("alice private", DuctorStack.ALICE, null, DuctorStack.ALICE),
            new Context("bob private", DuctorStack.BOB, null, DuctorStack.BOB),
            new Context("topic A", DuctorStack.GROUP, TOPIC_A, DuctorStack.ALICE),
            new Context("topic B", DuctorStack.GROUP, TOPIC_B, DuctorStack.BOB));

    @TempDir
    static Path work;

    private DuctorStack stack;
    private FakeCli claude;
    private FakeCli codex;

    @BeforeAll
    void startDuctor() {
        stack = new DuctorStack(work);
        FakeCli cli = stack.claude().respond(answer(1));
        for (int n = 2; n <= 12; n++) { // the runner's `claude --version` probe takes a call too
            cli = cli.then(answer(n));
        }
        claude = cli.install();
        codex = FakeCli.in(claude.directory())
                .named("codex")
                .respond(Response.sample("codex-hello.jsonl"))
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
    void fourConversationsAtOnceEachResumeTheirOwnSessionAfterModelRoundTrips() {
        CONTEXTS.forEach(c -> send(c, "first question"));
        CONTEXTS.forEach(c -> awaitBotMessages(c, 1, () -> "the first answer"));

        List<String> sessions = CONTEXTS.stream()
                .map(c -> "sess-" + calls(c).getFirst().number())
                .toList();
        assertThat(new HashSet<>(sessions)).as("four distinct CLI sessions").hasSize(4);
        assertThat(turns())
                .hasSize(4)
                .allSatisfy(call -> assertThat(call.argv()).doesNotContain("--resume"));

        // The round trip of scenario 46: over to Codex and back to Claude, in every conversation.
        for (Context c : CONTEXTS) {
            send(c, "/model gpt-5.5");
            awaitBotMessages(c, 2, () -> "the /model gpt-5.5 reply");
        }
        CONTEXTS.forEach(c -> send(c, "a question for codex"));
        CONTEXTS.forEach(c -> awaitBotMessages(c, 3, () -> "codex's answer"));
        for (Context c : CONTEXTS) {
            send(c, "/model opus");
            awaitBotMessages(c, 4, () -> "the /model opus reply");
        }
        CONTEXTS.forEach(c -> send(c, "second question"));
        CONTEXTS.forEach(c -> awaitBotMessages(c, 5, () -> "the second answer"));
        assertThat(codex.invocations().stream()
                        .filter(call -> !call.argv().contains("--version"))
                        .toList())
                .hasSize(4);

        for (int i = 0; i < CONTEXTS.size(); i++) {
            Context c = CONTEXTS.get(i);
            List<Invocation> calls = calls(c);
            assertThat(calls).as(c.name()).hasSize(2);
            assertThat(calls.get(1).argv())
                    .as(c.name() + " resumes its own Claude session after the trip to Codex")
                    .containsSubsequence("--model", "opus")
                    .containsSubsequence("--resume", sessions.get(i));
            assertThat(calls.get(1).stdin()).isEqualTo("second question");
        }
    }

    private void send(Context c, String text) {
        var message = stack.telegram().userMessage(c.chatId(), c.user(), text);
        if (c.topic() != null) {
            message.supergroup("Projects").topic(c.topic());
        }
        message.send();
    }

    private List<BotMessage> botMessages(Context c) {
        return ChatScript.botMessages(stack.telegram(), c.chatId()).stream()
                .filter(m -> Objects.equals(m.threadId(), c.topic()))
                .toList();
    }

    private void awaitBotMessages(Context c, int count, Supplier<String> what) {
        await(c.name() + ": " + what.get())
                .atMost(Duration.ofSeconds(40))
                .until(() -> botMessages(c).size() >= count
                        && !botMessages(c).get(count - 1).text().isBlank());
    }

    /** The CLI calls that ran a turn (not the runner's {@code --version} probe). */
    private List<Invocation> turns() {
        return claude.invocations().stream()
                .filter(call -> !call.argv().contains("--version"))
                .toList();
    }

    private List<Invocation> calls(Context c) {
        return turns().stream()
                .filter(call -> String.valueOf(c.chatId()).equals(call.env().get("DUCTOR_CHAT_ID")))
                .filter(call -> Objects.equals(
                        c.topic() == null ? null : String.valueOf(c.topic()),
                        call.env().get("DUCTOR_TOPIC_ID")))
                .toList();
    }
}
