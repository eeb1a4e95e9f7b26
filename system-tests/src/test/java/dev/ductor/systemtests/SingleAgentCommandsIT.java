package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static dev.ductor.systemtests.ChatScript.callsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.releases.FakeReleases;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Behaviour §2.2, §2.4, §2.17, §2.18 and §2.19 through every service: {@code /start}, {@code /info},
 * {@code /upgrade} (against testkit's fake release source),
 * {@code /diagnose} with the runner's logins and the broker's queues, and {@code /showfiles}, whose folder
 * buttons edit the browser and whose "send me a file" runs the CLI with the request.
 */
@DuctorSystemTest
class SingleAgentCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DuctorStack stack;
    private final FakeReleases releases = FakeReleases.start().latest("v99.0.0");
    private FakeCli claude;

    SingleAgentCommandsIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void scriptClaude() {
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        stack.service("orchestrator").putEnvironment("DUCTOR_UPGRADE_RELEASES_URL", releases.latestUrl());
    }

    @AfterAll
    void stopReleases() {
        releases.close();
    }

    // behaviour §2.2: the welcome is the caption of ductor's picture, its buttons under it
    @Test
    void startShowsTheWelcomeAsTheCaptionOfItsPicture() {
        long chat = DuctorStack.BOB;
        stack.telegram().sendUserMessage(chat, chat, "/start");

        BotMessage welcome = awaitBotMessage(chat, m -> m.text().contains("Welcome to ductor.dev"));
        assertThat(welcome.documentName()).isEqualTo("welcome.png");
        assertThat(welcome.buttons()).hasSize(3);
    }

    @Test
    void infoUpgradeAndDiagnoseAnswerAtOnce() {
        long chat = DuctorStack.ALICE;
        stack.telegram().sendUserMessage(chat, chat, "/info");
        BotMessage info = awaitBotMessage(chat, m -> m.text().contains("ductor.dev"));
        assertThat(info.text()).contains("AI coding agents (Claude, Codex, Gemini) on Telegram.");

        stack.telegram().sendUserMessage(chat, chat, "/upgrade");
        BotMessage upgrade = awaitBotMessage(chat, m -> m.text().contains("The bot does not upgrade itself."));
        assertThat(upgrade.text())
                .contains("Running: ")
                .contains("Newest release: 99.0.0 — an update is available.")
                .contains("https://example.invalid/releases/tag/v99.0.0");

        // the runner's first report may come after the orchestrator answered; ask until it is in
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            stack.telegram().sendUserMessage(chat, chat, "/diagnose");
            return botMessages(stack.telegram(), chat).stream()
                    .anyMatch(m ->
                            m.text().contains("System Diagnostics") && m.text().contains("slot(s) busy"));
        });
        BotMessage diagnose = awaitBotMessage(
                chat, m -> m.text().contains("System Diagnostics") && m.text().contains("slot(s) busy"));
        assertThat(diagnose.text())
                .contains("Effective runtime: claude / opus")
                .containsPattern("claude .*\\((authenticated|installed)\\), codex .*\\(not_found\\)")
                .contains("orchestrator.inbound")
                .contains("runner.requests")
                .contains("dead-lettered");
        assertThat(callsFor(claude, chat)).isEmpty();
    }

    @Test
    void theFileBrowserNavigatesInPlaceAndAsksTheAgentForAFile() throws Exception {
        long chat = DuctorStack.BOB;
        Files.createDirectories(stack.home().resolve("workspace/output_to_user"));
        Files.writeString(stack.home().resolve("workspace/output_to_user/report.txt"), "numbers");
        stack.telegram().sendUserMessage(chat, chat, "/showfiles");
        BotMessage browser = awaitBotMessage(chat, m -> m.text().contains("File Browser"));
        assertThat(browser.text()).contains("workspace/").doesNotContain("config/");

        stack.telegram().pressButton(chat, browser.id(), chat, "workspace/");
        BotMessage workspace =
                awaitBotMessage(chat, m -> m.id() == browser.id() && m.text().contains("output_to_user/"));
        assertThat(workspace.buttons().stream().flatMap(List::stream).map(FakeButton::text))
                .contains("output_to_user/", "<< Back", "Send me a file from this folder");

        stack.telegram().pressButton(chat, browser.id(), chat, "output_to_user/");
        awaitBotMessage(chat, m -> m.id() == browser.id() && m.text().contains("report.txt"));
        stack.telegram().pressButton(chat, browser.id(), chat, "Send me a file from this folder");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(callsFor(claude, chat))
                        .singleElement()
                        .satisfies(call -> assertThat(call.stdin())
                                .contains("List all files in ")
                                .contains("workspace/output_to_user/ and send me whichever one I ask for.")));
        awaitBotMessage(chat, m -> m.text().startsWith("List all files in "));
        awaitBotMessage(chat, m -> m.text().equals(PrivateChatIT.ANSWER));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(stack.telegram().chat(chat).stream()
                                .filter(m -> m.id() == browser.id())
                                .findFirst()
                                .orElseThrow()
                                .buttons())
                        .as("the browser's keyboard is removed")
                        .isEmpty());
    }

    private BotMessage awaitBotMessage(long chat, Predicate<BotMessage> match) {
        return await().atMost(WAIT)
                .until(
                        () -> stack.telegram().chat(chat).stream()
                                .filter(match)
                                .reduce((first, second) -> second)
                                .orElse(null),
                        m -> m != null);
    }
}
