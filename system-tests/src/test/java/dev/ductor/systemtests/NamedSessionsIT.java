package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Named sessions (behaviour §5.6, scenarios 52–54) through the real services: {@code /session} answers at
 * once and runs beside the chat's own turns, "[name] Complete" replies to the message that started it,
 * {@code @name} resumes the session's CLI session, {@code /sessions} ends sessions with its buttons, and a
 * run in flight while the orchestrator is killed is finished once after its restart, never run twice, and the
 * {@code /sessions} selector opened before the restart is still edited in place by its buttons.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamedSessionsIT {

    static final String SESSION_ID = "04f42236-9b6b-4e1a-b43d-b3728c0def06";
    private static final Pattern STARTED = Pattern.compile("Session (\\w+) started");

    private final DuctorStack stack;

    NamedSessionsIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void scriptClaude() {
        stack.claude().respond(hello()).install();
    }

    private static Response hello() {
        return Response.sample("claude-hello.stream-json.jsonl");
    }

    @Test
    @Order(1)
    void scenarios52And54_startsAtOnceRunsBesideTheChatCompletesAsAReplyAndAFollowUpResumesTheSession() {
        FakeCli claude = stack.claude()
                .respond(hello().untilReleased())
                .then(hello())
                .then(hello())
                .install();
        var telegram = stack.telegram();
        long chat = DuctorStack.ALICE;
        int start = telegram.sendUserMessage(chat, chat, "/session fix the CSV export");

        BotMessage started = awaitReply(telegram, chat, start);
        String name = name(started);
        assertThat(started.text()).contains("Running on Claude (opus).").contains("Follow up: @" + name + " <message>");
        var named = claude.awaitHeld(1, Duration.ofSeconds(30));
        assertThat(named.stdin()).isEqualTo("fix the CSV export");
        assertThat(named.argv()).doesNotContain("--resume");

        // the chat's own turn is not held behind the named session's run
        int hi = telegram.sendUserMessage(chat, chat, "hello there");
        assertThat(awaitReply(telegram, chat, hi).text()).isEqualTo(PrivateChatIT.ANSWER);
        int busy = telegram.sendUserMessage(chat, chat, "@" + name + " not now");
        assertThat(awaitReply(telegram, chat, busy).text())
                .isEqualTo("Session '" + name + "' is still processing. Wait or use /stop to cancel.");

        claude.release(named);
        BotMessage complete = awaitMessage(telegram, chat, m -> m.text().startsWith("[" + name + "] Complete"));
        assertThat(complete.replyTo()).isEqualTo(start);
        assertThat(complete.text())
                .matches("(?s)\\[" + name + "] Complete \\(\\d+s\\)\n\n───\n\n" + Pattern.quote(PrivateChatIT.ANSWER));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(stack.home().resolve("named_sessions.json")))
                        .contains("\"name\" : \"" + name + "\"")
                        .contains("\"session_id\" : \"" + SESSION_ID + "\"")
                        .contains("\"status\" : \"idle\"")
                        .contains("\"prompt_preview\" : \"fix the CSV export\""));

        int follow = telegram.sendUserMessage(chat, chat, "@" + name + " and now add tests");
        BotMessage answer = awaitReply(telegram, chat, follow);
        assertThat(answer.text()).isEqualTo("[" + name + " | claude]\n" + PrivateChatIT.ANSWER);
        var calls = callsFor(claude, chat);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).argv()).containsSubsequence("--resume", SESSION_ID);
        assertThat(calls.get(2).stdin()).isEqualTo("and now add tests");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(callsFor(claude, chat)).hasSize(3));
    }

    @Test
    @Order(2)
    void sessionsListsTheChatsSessionsAndEndsThemWithItsButtons() {
        FakeCli claude = stack.claude().respond(hello()).install();
        var telegram = stack.telegram();
        long chat = DuctorStack.BOB;
        String first = name(awaitReply(telegram, chat, telegram.sendUserMessage(chat, chat, "/session one")));
        String second = name(awaitReply(telegram, chat, telegram.sendUserMessage(chat, chat, "/session two")));
        awaitMessage(telegram, chat, m -> m.text().startsWith("[" + first + "] Complete"));
        awaitMessage(telegram, chat, m -> m.text().startsWith("[" + second + "] Complete"));

        BotMessage list = awaitReply(telegram, chat, telegram.sendUserMessage(chat, chat, "/sessions"));
        assertThat(list.text())
                .startsWith("Sessions")
                .contains(first)
                .contains(second)
                .contains("Active: 2");
        assertThat(list.buttons().stream().flatMap(List::stream).map(FakeButton::text))
                .containsExactly("End " + first, "End " + second, "Refresh", "End All");

        telegram.pressButton(chat, list.id(), chat, "End " + first);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(message(telegram, chat, list.id()).text())
                                .contains("Session '" + first + "' ended.")
                                .contains("Active: 1")
                                .doesNotContain(first + " | claude/"));
        int late = telegram.sendUserMessage(chat, chat, "@" + first + " one more thing");
        assertThat(awaitReply(telegram, chat, late).text())
                .isEqualTo("Session '" + first + "' has ended. Start a new one with /session.");

        BotMessage again = awaitReply(telegram, chat, telegram.sendUserMessage(chat, chat, "/sessions"));
        telegram.pressButton(chat, again.id(), chat, "End " + second);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(message(telegram, chat, again.id()).text())
                                .contains("Session '" + second + "' ended.")
                                .contains("No active sessions."));
        assertThat(callsFor(claude, chat)).hasSize(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(stack.home().resolve("named_sessions.json")))
                        .doesNotContain(first)
                        .doesNotContain(second));
    }

    @Test
    @Order(3)
    void orchestratorKilledWhileANamedSessionRuns_deliversItsResultOnceAfterTheRestartAndNeverRunsItTwice() {
        FakeCli claude = stack.claude().respond(hello().untilReleased()).install();
        var telegram = stack.telegram();
        long chat = DuctorStack.CAROL;
        int start = telegram.sendUserMessage(chat, chat, "/session a long job");
        String name = name(awaitReply(telegram, chat, start));
        var call = claude.awaitHeld(1, Duration.ofSeconds(30));
        BotMessage list = awaitReply(telegram, chat, telegram.sendUserMessage(chat, chat, "/sessions"));
        assertThat(list.text()).contains(name);

        stack.service("orchestrator").kill();
        stack.restart("orchestrator");
        claude.release(call);

        BotMessage complete = awaitMessage(telegram, chat, m -> m.text().startsWith("[" + name + "] Complete"));
        assertThat(complete.replyTo()).isEqualTo(start);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(callsFor(claude, chat)).hasSize(1);
            assertThat(botMessages(telegram, chat))
                    .filteredOn(m -> m.text().contains("[" + name + "]"))
                    .hasSize(1);
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(stack.home().resolve("named_sessions.json")))
                        .contains("\"session_id\" : \"" + SESSION_ID + "\"")
                        .contains("\"status\" : \"idle\""));

        // the /sessions selector opened before the restart: its button still edits that message in place
        telegram.pressButton(chat, list.id(), chat, "End " + name);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(message(telegram, chat, list.id()).text())
                                .contains("Session '" + name + "' ended.")
                                .contains("No active sessions."));
    }

    private static String name(BotMessage started) {
        Matcher m = STARTED.matcher(started.text());
        assertThat(m.find()).as("a started reply: %s", started.text()).isTrue();
        return m.group(1);
    }

    private static BotMessage awaitReply(FakeTelegram telegram, long chat, int to) {
        return awaitMessage(telegram, chat, m -> Integer.valueOf(to).equals(m.replyTo()));
    }

    private static BotMessage awaitMessage(FakeTelegram telegram, long chat, Predicate<BotMessage> wanted) {
        return await().atMost(Duration.ofSeconds(40))
                .until(() -> botMessages(telegram, chat).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static BotMessage message(FakeTelegram telegram, long chat, int id) {
        return botMessages(telegram, chat).stream()
                .filter(m -> m.id() == id)
                .findFirst()
                .orElseThrow();
    }
}
