package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sub-agents (behaviour §5.8) through the real services, as a new user would try them: a second bot added to
 * {@code agents.json} while everything runs answers in its own chat within seconds, without a restart, its
 * CLI runs in {@code agents/<name>/} and its session is kept there; the main bot goes on as before; a broken
 * file changes nothing; {@code /agent_stop} and {@code /agent_start} on the main bot stop and start it;
 * removing the entry stops the bot.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubAgentsIT {

    static final String HELPER_TOKEN = "654321:helper-bot-token";
    private static final String SESSION_ID = "04f42236-9b6b-4e1a-b43d-b3728c0def06";

    private final DuctorStack stack;
    private final FakeTelegram helperBot = FakeTelegram.start(HELPER_TOKEN, "helper_bot");

    SubAgentsIT(DuctorStack stack) {
        this.stack = stack;
        stack.deleteOnCloseQueuesOf("helper");
    }

    @AfterAll
    void closeBot() {
        helperBot.close();
    }

    private Path agentsFile() {
        return stack.home().resolve("agents.json");
    }

    @Test
    @Order(1)
    void aBotAddedToAgentsJsonAnswersInItsOwnChatWithinSecondsAndLivesInItsOwnHome() throws IOException {
        FakeCli claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .then(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        Files.writeString(stack.home().resolve("SHAREDMEMORY.md"), "# Shared Memory\n\nThe team meets on Mondays.\n");
        Files.writeString(agentsFile(), """
                [{"name": "helper", "transport": "telegram", "telegram_token": "%s",
                  "telegram_api_url": "%s", "allowed_user_ids": [%d], "model": "sonnet"}]
                """.formatted(HELPER_TOKEN, helperBot.baseUrl(), DuctorStack.ALICE));

        long chat = DuctorStack.ALICE;
        // The bot polls within seconds of the file's change: the user's message is taken from then on.
        helperBot.awaitRequests("getUpdates", 2, Duration.ofSeconds(60));
        int asked = helperBot.sendUserMessage(chat, chat, "hello there");
        BotMessage answer = await("the helper bot's answer")
                .atMost(Duration.ofSeconds(40))
                .until(() -> reply(helperBot, chat, asked), Optional::isPresent)
                .orElseThrow();
        assertThat(answer.text()).isEqualTo(PrivateChatIT.ANSWER);

        Invocation run = claude.invocations().stream()
                .filter(call -> call.stdin().contains("hello there"))
                .findFirst()
                .orElseThrow();
        Path helperHome = stack.home().resolve("agents/helper");
        assertThat(run.env()).containsEntry("DUCTOR_HOME", helperHome.toString());
        assertThat(run.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        assertThat(run.argv()).containsSequence("--model", "sonnet"); // the entry's override
        assertThat(Files.isDirectory(helperHome.resolve("workspace"))).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(helperHome.resolve("sessions.json"))
                        && Files.readString(helperHome.resolve("sessions.json")).contains(SESSION_ID));
        assertThat(Files.readString(helperHome.resolve("config/config.json"))).contains(HELPER_TOKEN);
        // The main home's SHAREDMEMORY.md is mirrored into the helper's memory (behaviour §5.8, §8.4).
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions() // the runner seeds the helper's workspace at its next sync (10 s)
                .until(() -> Files.readString(helperHome.resolve("workspace/memory_system/MAINMEMORY.md"))
                        .contains("The team meets on Mondays."));
        // Nothing of it reached the main agent: its bot saw no message, its sessions know no such turn.
        assertThat(botMessages(stack.telegram(), chat)).noneMatch(m -> m.text().contains("You said"));
        assertThat(stack.home().resolve("sessions.json"))
                .satisfiesAnyOf(
                        file -> assertThat(file).doesNotExist(),
                        file -> assertThat(file).content().doesNotContain(SESSION_ID));

        // The main bot lists it (behaviour §2.21) and still answers in its own chat.
        int listed = stack.telegram().sendUserMessage(chat, chat, "/agents");
        assertThat(await().atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, listed), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .contains("Agents")
                .containsPattern("● \\W*main\\W* \\[main] — running")
                .containsPattern("● \\W*helper\\W* \\[sub] — running \\(\\d+[smh].*\\) \\| sonnet");
        // its meters are in the services' scrapes with its name, beside the main agent's (docs/metrics.md)
        assertThat(stack.service("gateway-telegram").metrics())
                .containsPattern("ductor_telegram_api_calls_total\\{agent=\"helper\",[^}]*method=\"getUpdates\"")
                .containsPattern("ductor_telegram_api_calls_total\\{agent=\"main\",");
        assertThat(stack.service("orchestrator").metrics())
                .containsPattern("ductor_inbound_messages_total\\{agent=\"helper\",");
        int main = stack.telegram().sendUserMessage(chat, chat, "hello there");
        assertThat(await().atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, main), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .isEqualTo(PrivateChatIT.ANSWER);
    }

    @Test
    @Order(3)
    void stopAllOnTheMainBotStopsTheSubAgentsRunsAndCountsThem() {
        FakeCli claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl").untilReleased())
                .install();
        long chat = DuctorStack.ALICE;
        helperBot.sendUserMessage(chat, chat, "take your time");
        Invocation held = claude.awaitHeld(1, Duration.ofSeconds(40));
        assertThat(held.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");

        int stopAll = stack.telegram().sendUserMessage(chat, chat, "/stop_all");
        assertThat(await().atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, stopAll), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .isEqualTo("Stopped 1 process(es) across all agents.");
        await("the helper's CLI stopped")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(held.pid()).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    @Order(4)
    void agentStopSilencesTheBotAndAgentStartBringsItBackWithWhatItWasSentMeanwhile() {
        // behaviour §2.21: the main orchestrator stops its own context of the helper and tells the gateway
        // (ControlAgent on the control fanout), which stops that bot's polling; /agent_start undoes both
        stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        long chat = DuctorStack.ALICE;
        int stop = stack.telegram().sendUserMessage(chat, chat, "/agent_stop helper");
        assertThat(await().atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, stop), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .contains("helper", "stopped");
        awaitNoPolling();
        int meanwhile = helperBot.sendUserMessage(chat, chat, "are you there?");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(reply(helperBot, chat, meanwhile)).isEmpty();
        int listed = stack.telegram().sendUserMessage(chat, chat, "/agents");
        assertThat(await().atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, listed), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .containsPattern("○ \\W*helper\\W* \\[sub] — stopped");

        int start = stack.telegram().sendUserMessage(chat, chat, "/agent_start helper");
        assertThat(await().atMost(Duration.ofSeconds(60))
                        .until(() -> reply(stack.telegram(), chat, start), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .contains("helper", "started");
        // the message sent while it was stopped was never confirmed: the bot polls it now and answers it
        assertThat(await("the helper's answer after /agent_start")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> reply(helperBot, chat, meanwhile), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .isEqualTo(PrivateChatIT.ANSWER);
    }

    /** The helper's poller (a long poll of one second here) asks nothing more for three seconds in a row. */
    private void awaitNoPolling() {
        var seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await("the helper bot stopped")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .during(Duration.ofSeconds(3))
                .until(() -> seen.getAndSet(helperBot.requests("getUpdates").size())
                        == helperBot.requests("getUpdates").size());
    }

    @Test
    @Order(5)
    void aBrokenFileChangesNothingAndRemovingTheEntryStopsTheBot() throws IOException {
        String good = Files.readString(agentsFile());
        Files.writeString(agentsFile(), "[{\"name\": \"Helper!\"}");
        int polls = helperBot.requests("getUpdates").size();
        await("the helper bot still polling")
                .atMost(Duration.ofSeconds(20))
                .until(() -> helperBot.requests("getUpdates").size() > polls + 2);
        assertThat(stack.logs()).contains("is not valid JSON");

        Files.writeString(agentsFile(), "[]");
        awaitNoPolling();
        int unanswered = helperBot.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "still there?");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(reply(helperBot, DuctorStack.ALICE, unanswered)).isEmpty();
        assertThat(good).contains("helper");
    }

    static Optional<BotMessage> reply(FakeTelegram telegram, long chat, int to) {
        Predicate<BotMessage> wanted = m -> Integer.valueOf(to).equals(m.replyTo());
        return botMessages(telegram, chat).stream().filter(wanted).findFirst();
    }
}
