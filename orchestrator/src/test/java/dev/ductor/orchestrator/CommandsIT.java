package dev.ductor.orchestrator;

import static dev.ductor.orchestrator.OrchestratorHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.EditText;
import dev.ductor.model.OfferProviders;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunnerStatus;
import dev.ductor.model.SendText;
import dev.ductor.model.SyncCommands;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Commands: the quick ones during a turn, /model (by name, in a topic, by the wizard's buttons, an @model
 * directive), /status with a topic's name, /start's welcome buttons, and the language the texts and the command
 * menu follow. See {@link OrchestratorHarness}.
 */
@ExtendWith(StartedOrchestrator.class)
class CommandsIT {

    // scenarios 16 + 17
    @Test
    void quickCommandsAnswerAtOnceAndAModelSwitchKillsTheTurn() throws Exception {
        long chat = 1014;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "/status");
        SendText status = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Status**"));
        assertThat(status.text()).contains("Model: opus", "Queue: 1 running, 0 waiting");
        send(chat, USER, "3", "/memory");
        awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Main Memory**"));
        send(chat, USER, "4", "/cron");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("No cron jobs configured."));

        send(chat, USER, "5", "/model sonnet");
        SendText switched = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Model switched.**"));
        assertThat(switched.text()).contains("Model: opus -> sonnet", "new model applies to the next message");
        awaitControl(first.runId(), CancelRun.Mode.STOP);
        assertThat(Files.readString(home().resolve("config/config.json"))).contains("\"sonnet\"");
        assertThat(outboundFor(chat))
                .noneMatch(o -> o instanceof SendText t && t.text().contains("[Message in queue...]"));

        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        send(chat, USER, "6", "next");
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.model()).isEqualTo("sonnet");
        answer(chat, next, "ok", null);

        send(chat, USER, "7", "/model opus");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("Model: sonnet -> opus"));
        send(chat, USER, "8", "/model opus");
        awaitOutbound(chat, SendText.class, t -> t.text().equals("Already running opus. No changes made."));
    }

    // scenario 48
    @Test
    void aModelSwitchInATopicChangesOnlyThatTopic() throws Exception {
        long group = -1015;
        var topic = new ChatRef("tg", "main", group, 7L);
        sendTo(topic, "supergroup", "1", "/model flash");
        awaitOutbound(group, SendText.class, t -> t.text().contains("Model: opus -> flash"));
        assertThat(Files.readString(home().resolve("config/config.json"))).doesNotContain("\"flash\"");

        sendTo(topic, "supergroup", "2", "hello topic");
        RunRequest request = awaitRequests(group, 1).get(0);
        assertThat(request.provider()).isEqualTo("gemini");
        assertThat(request.model()).isEqualTo("flash");
        answer(group, request, "ok", null);
    }

    // behaviour §5.2: a forum topic's name is kept as the session's topic_name and shown by /status
    @Test
    void aTopicsNameIsKeptOnItsSessionAndShownInStatus() throws Exception {
        long group = -1015;
        var topic = new ChatRef("tg", "main", group, 8L);
        sendTo(topic, "supergroup", "t8-1", "hello topic 8");
        RunRequest request = await().atMost(WAIT)
                .until(
                        () -> requestsFor(group).stream()
                                .filter(r -> Long.valueOf(8L).equals(r.chat().topicId()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        answer(group, request, "ok", null);

        bus().toOrchestrator(
                        "tg",
                        "main",
                        new dev.ductor.model.TopicRenamed(topic, "Auth"),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
        await().atMost(WAIT)
                .until(() -> sessionsJson()
                        .path("tg:-1015:8")
                        .path("topic_name")
                        .asString("")
                        .equals("Auth"));
        sendTo(topic, "supergroup", "t8-2", "/status");
        awaitOutbound(
                group,
                SendText.class,
                t -> t.text().startsWith("**Status**") && t.text().contains("Topic: Auth"));
    }

    // scenario 51
    @Test
    void anAtModelDirectiveRunsThisTurnOnThatModelAndTheChatKeepsIt() {
        long chat = 1018;
        send(chat, USER, "1", "@opus");
        awaitOutbound(chat, SendText.class, t -> t.text().startsWith("Next message will use: opus"));
        send(chat, USER, "2", "@sonnet explain X");
        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.model()).isEqualTo("sonnet");
        assertThat(first.prompt()).isEqualTo("explain X");
        runEvent(first.runId(), success(first.runId(), "ok", "sess-s"));
        send(chat, USER, "3", "and more");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.model()).isEqualTo("sonnet");
        answer(chat, second, "ok", "sess-s");
    }

    // behaviour §2.2: /start's welcome, and one of its quick-start buttons running its canned prompt
    @Test
    void theWelcomesButtonsRunTheirPromptAsTheUsersTurn() {
        long chat = 2060;
        send(chat, USER, "1", "/start");
        SendText welcome =
                awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Welcome to ductor.dev, user111!**"));
        assertThat(welcome.buttons())
                .flatExtracting(row -> row)
                .extracting(dev.ductor.model.Button::data)
                .containsExactly("w:1", "w:2", "w:3");
        assertThat(welcome.replyTo()).isEqualTo("1");
        assertThat(welcome.image()).isEqualTo(SendText.WELCOME_IMAGE);

        press(chat, "cb-w2", "w:2");
        RunRequest request = awaitRequests(chat, 1).get(0);
        assertThat(request.prompt())
                .isEqualTo(dev.ductor.orchestrator.reply.Texts.english().t("welcome.prompt_system"));
        answer(chat, request, "A Debian box.", null);
    }

    // behaviour §2.12: the /model wizard, pressed through: provider, model, back, and the next turn's model
    @Test
    void theModelWizardSwitchesByButtons() {
        long chat = 2040;
        bus().runnerStatus(
                        "runner-it",
                        new dev.ductor.model.RunnerStatus(
                                "runner-it",
                                2,
                                List.of(),
                                List.of(
                                        new dev.ductor.model.RunnerStatus.ProviderStatus(
                                                "claude", true, true, "2.1.197"),
                                        new dev.ductor.model.RunnerStatus.ProviderStatus(
                                                "codex", true, true, "0.169.0"),
                                        new dev.ductor.model.RunnerStatus.ProviderStatus("gemini", false, false, null)),
                                Instant.now()),
                        UUID.randomUUID().toString());
        try {
            // The runner's report and the /model race; ask again until the wizard knows the logins.
            var asked = new java.util.concurrent.atomic.AtomicInteger();
            SendText selector = await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> {
                                List<SendText> selectors = outboundFor(chat).stream()
                                        .filter(SendText.class::isInstance)
                                        .map(SendText.class::cast)
                                        .filter(t -> t.text().startsWith("**Model Selector**"))
                                        .toList();
                                if (selectors.size() < asked.get()) {
                                    return null;
                                }
                                if (!selectors.isEmpty()
                                        && selectors.getLast().text().contains("Pick a provider:")) {
                                    return selectors.getLast();
                                }
                                send(chat, USER, "model-" + asked.incrementAndGet(), "/model");
                                return null;
                            },
                            t -> t != null);
            assertThat(selector.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::data)
                    .containsExactly("ms:p:claude", "ms:p:codex");

            press(chat, "cb-1", "ms:p:claude");
            EditText models = awaitOutbound(chat, EditText.class, e -> e.text().equals("Select Claude model:"));
            assertThat(models.outboundRef()).isEqualTo(selector.outboundRef());
            assertThat(models.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::data)
                    .containsExactly("ms:m:haiku", "ms:m:sonnet", "ms:m:opus", "ms:b:root");
            awaitOutbound(chat, AcknowledgePress.class, a -> a.callbackId().equals("cb-1"));

            press(chat, "cb-2", "ms:b:root");
            awaitOutbound(chat, EditText.class, e -> e.text().contains("Pick a provider:"));
            press(chat, "cb-3", "ms:p:codex");
            awaitOutbound(chat, EditText.class, e -> e.text().equals("No Codex models available."));
            press(chat, "cb-4", "ms:p:claude");
            press(chat, "cb-5", "ms:m:haiku");
            EditText switched =
                    awaitOutbound(chat, EditText.class, e -> e.text().startsWith("**Model switched.**"));
            assertThat(switched.text()).contains("-> haiku");
            assertThat(switched.buttons()).isEmpty();

            send(chat, USER, "next", "hello haiku");
            RunRequest request = awaitRequests(chat, 1).get(0);
            assertThat(request.model()).isEqualTo("haiku");
            answer(chat, request, "ok", null);
        } finally {
            send(chat, USER, "restore", "/model opus"); // the configured model the other scenarios expect
            awaitOutbound(chat, SendText.class, t -> t.text().contains("opus"));
            everyCliLoggedIn();
        }
    }

    // behaviour §4.3, §4.7, §2.12: the models a runner lists reach ductor's cache, /model, @model and the fallback
    @Test
    void theCodexModelsARunnerReportsAreCachedAndOfferedByModel() throws Exception {
        long chat = 2041;
        var models = List.of(
                new RunnerStatus.ModelInfo("gpt-a", "GPT A", "", List.of("low", "high"), "low", false),
                new RunnerStatus.ModelInfo("gpt-b", "GPT B", "", List.of("medium"), "medium", true));
        var cache = home().resolve("config/codex_models.json");
        try {
            reportLogins(true, models);
            await().atMost(WAIT)
                    .until(() -> Files.exists(cache) && Files.readString(cache).contains("\"gpt-b\""));
            assertThat(Files.readString(cache)).contains("\"supported_efforts\" : [ \"low\", \"high\" ]");

            send(chat, USER, "1", "/model");
            awaitOutbound(chat, SendText.class, t -> t.text().contains("Pick a provider:"));
            press(chat, "cm-1", "ms:p:codex");
            EditText codex = awaitOutbound(chat, EditText.class, e -> e.text().equals("Select Codex model:"));
            assertThat(codex.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::label)
                    .containsExactly("GPT A", "GPT B", "<< Back");
            press(chat, "cm-2", "ms:m:gpt-a");
            EditText efforts = awaitOutbound(chat, EditText.class, e -> e.text().equals("Thinking level for gpt-a:"));
            assertThat(efforts.buttons())
                    .flatExtracting(row -> row)
                    .extracting(dev.ductor.model.Button::data)
                    .containsExactly("ms:r:low:gpt-a", "ms:r:high:gpt-a", "ms:b:codex");
            press(chat, "cm-3", "ms:r:high:gpt-a");
            awaitOutbound(chat, EditText.class, e -> e.text().startsWith("**Model switched.**"));
            send(chat, USER, "2", "hello codex");
            RunRequest onCodex = awaitRequests(chat, 1).get(0);
            assertThat(onCodex.provider()).isEqualTo("codex");
            assertThat(onCodex.model()).isEqualTo("gpt-a");
            assertThat(onCodex.reasoningEffort()).isEqualTo("high");
            answer(chat, onCodex, "ok", null);

            send(chat, USER, "3", "/model opus");
            awaitOutbound(chat, SendText.class, t -> t.text().contains("gpt-a -> opus"));
            send(chat, USER, "4", "@gpt-b");
            awaitOutbound(chat, SendText.class, t -> t.text().startsWith("Next message will use: gpt-b"));

            // Claude logged in nowhere: the next turn on opus runs on Codex's default model, and says so once.
            long other = 2042;
            reportLogins(false, models);
            await().atMost(WAIT).until(() -> {
                send(other, USER, "probe-" + UUID.randomUUID(), "/diagnose");
                return outboundFor(other).stream()
                        .anyMatch(
                                o -> o instanceof SendText t && t.text().contains("Effective runtime: codex / gpt-b"));
            });
            send(other, USER, "5", "hello opus");
            RunRequest fallback = awaitRequests(other, 1).get(0);
            assertThat(fallback.provider()).isEqualTo("codex");
            assertThat(fallback.model()).isEqualTo("gpt-b");
            awaitOutbound(
                    other,
                    SendText.class,
                    t -> t.text()
                            .equals(
                                    "claude is not logged in on any runner, so this message runs on codex (gpt-b) instead. "
                                            + "Log in to claude, or switch for good with /model."));
            answer(other, fallback, "ok", "codex-thread");
            assertThat(sessionsJson().path("tg:2042").path("provider").asString())
                    .isEqualTo("claude");
        } finally {
            everyCliLoggedIn();
            Files.deleteIfExists(cache);
        }
    }

    // behaviour §2.4, §2.17, §2.18, §2.19
    @Test
    void infoUpgradeShowfilesAndDiagnoseAnswerThroughTheStack() throws Exception {
        long chat = 2043;
        send(chat, USER, "1", "/info");
        SendText info = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**ductor.dev**"));
        assertThat(info.text()).contains("Version: `", "AI coding agents (Claude, Codex, Gemini) on Telegram.");

        send(chat, USER, "2", "/upgrade");
        SendText upgrade = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**Upgrade**"));
        assertThat(upgrade.text()).contains("Running: `", "The bot does not upgrade itself.");

        send(chat, USER, "3", "/diagnose");
        SendText diagnose = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**System Diagnostics**"));
        assertThat(diagnose.text())
                .contains("Effective runtime: ", "**Broker:**", "`" + topology().orchestratorInboundQueue() + "`: ");

        Files.createDirectories(home().resolve("workspace/output_to_user"));
        send(chat, USER, "4", "/showfiles");
        SendText browser = awaitOutbound(chat, SendText.class, t -> t.text().startsWith("**File Browser**"));
        assertThat(browser.buttons())
                .flatExtracting(row -> row)
                .extracting(dev.ductor.model.Button::data)
                .contains("sf:workspace", "sf!");
        press(chat, "sf-1", "sf:workspace");
        EditText workspace = awaitOutbound(chat, EditText.class, e -> e.text().contains("  output_to_user/"));
        assertThat(workspace.outboundRef()).isEqualTo(browser.outboundRef());
        press(chat, "sf-2", "sf!workspace/output_to_user");
        RunRequest ask = awaitRequests(chat, 1).get(0);
        assertThat(ask.prompt()).contains("List all files in ", "/workspace/output_to_user/ and send me whichever one");
        answer(chat, ask, "ok", null);
    }

    /** One runner reporting every CLI logged in, so that the other scenarios run on the provider they ask for. */
    private static void everyCliLoggedIn() {
        bus().runnerStatus(
                        "runner-it",
                        new RunnerStatus(
                                "runner-it",
                                2,
                                List.of(),
                                List.of(
                                        new RunnerStatus.ProviderStatus("claude", true, true, "2.1.197"),
                                        new RunnerStatus.ProviderStatus("codex", true, true, "0.169.0"),
                                        new RunnerStatus.ProviderStatus("gemini", true, true, "0.61.0")),
                                Instant.now()),
                        UUID.randomUUID().toString());
    }

    // behaviour §10: the API gateway learns which CLIs are logged in, with their models
    @Test
    void theLoggedInClisAndTheirModelsAreOfferedToTheApiGateway() {
        var models = List.of(new RunnerStatus.ModelInfo("gpt-offered", "GPT O", "", List.of("low"), "low", true));
        var offered = new java.util.concurrent.CopyOnWriteArrayList<OfferProviders>();
        var container = new org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer(
                template().getConnectionFactory());
        container.setQueueNames(topology().gatewayOutboundQueue("api", "main"));
        container.setMessageListener(message -> {
            if (template().getMessageConverter().fromMessage(message) instanceof OfferProviders offer) {
                offered.add(offer);
            }
        });
        container.start();
        try {
            reportLogins(false, models);
            reportLogins(true, models);
            await().atMost(WAIT)
                    .until(() ->
                            !offered.isEmpty() && offered.getLast().providers().size() == 3);
        } finally {
            container.stop();
        }
        assertThat(offered.getLast().providers())
                .containsExactly(
                        new OfferProviders.Provider("claude", "Claude Code", List.of("haiku", "sonnet", "opus")),
                        new OfferProviders.Provider("codex", "Codex", List.of("gpt-offered")),
                        new OfferProviders.Provider("gemini", "Gemini", List.of("auto", "pro", "flash", "flash-lite")));
        assertThat(offered)
                .anySatisfy(offer -> assertThat(offer.providers())
                        .extracting(OfferProviders.Provider::id)
                        .containsExactly("codex"));
    }

    private static void reportLogins(boolean claude, List<RunnerStatus.ModelInfo> codexModels) {
        bus().runnerStatus(
                        "runner-it",
                        new RunnerStatus(
                                "runner-it",
                                2,
                                List.of(),
                                List.of(
                                        new RunnerStatus.ProviderStatus("claude", true, claude, "2.1.197", null),
                                        new RunnerStatus.ProviderStatus("codex", true, true, "0.169.0", codexModels),
                                        new RunnerStatus.ProviderStatus("gemini", true, claude, "0.61.0", null)),
                                Instant.now()),
                        UUID.randomUUID().toString());
    }

    // scenario 76: texts and the command menu follow `language` in config.json, without a restart
    @Test
    void aLanguageChangeSwitchesTheTextsAndResyncsTheCommandMenu() throws Exception {
        var english = dev.ductor.orchestrator.i18n.Catalogue.load("en");
        var german = dev.ductor.orchestrator.i18n.Catalogue.load("de");
        assertThat(german.command("new")).isNotEqualTo(english.command("new"));
        awaitMenu(english.command("new"));
        try {
            setLanguage("de");
            var menu = awaitMenu(german.command("new"));
            assertThat(menu.commands())
                    .extracting(SyncCommands.BotCommand::command)
                    .containsExactly(
                            "new",
                            "reset",
                            "stop",
                            "interrupt",
                            "model",
                            "status",
                            "memory",
                            "session",
                            "cron",
                            "agent_commands",
                            "showfiles",
                            "info",
                            "help",
                            "diagnose",
                            "upgrade",
                            "restart",
                            "stop_all",
                            "agents",
                            "agent_start",
                            "agent_stop",
                            "agent_restart");
            assertThat(menu.commands())
                    .allSatisfy(c -> assertThat(c.description()).isEqualTo(german.command(c.command())));

            var texts = new dev.ductor.orchestrator.reply.Texts(dev.ductor.orchestrator.i18n.I18n.of("de"));
            send(2030, USER, "1", "/stop");
            awaitOutbound(2030, SendText.class, t -> t.text().equals(texts.agentStopped("claude", false)));
            assertThat(texts.agentStopped("claude", false))
                    .isNotEqualTo(dev.ductor.orchestrator.reply.Texts.english().agentStopped("claude", false));
            send(2030, USER, "2", "/help");
            awaitOutbound(2030, SendText.class, t -> t.text().contains("/new -- " + german.command("new")));
            send(2030, USER, "3", "/nonsense");
            awaitOutbound(
                    2030,
                    SendText.class,
                    t -> t.text().equals(texts.t("help.unknown_command", "command", "/nonsense")));
            assertThat(requestsFor(2030)).as("no command reached a CLI").isEmpty();
        } finally {
            setLanguage("en");
        }
        awaitMenu(english.command("new"));
    }

    private static void setLanguage(String language) {
        editConfig(json -> json.put("language", language));
    }

    /** The newest command menu sent to the gateway, once its /new description is {@code newDescription}. */
    private static SyncCommands awaitMenu(@Nullable String newDescription) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            List<SyncCommands> menus = outbound().stream()
                                    .filter(SyncCommands.class::isInstance)
                                    .map(SyncCommands.class::cast)
                                    .toList();
                            return menus.isEmpty() ? null : menus.getLast();
                        },
                        menu -> menu != null
                                && menu.commands().stream()
                                        .anyMatch(c -> c.command().equals("new")
                                                && c.description().equals(newDescription)));
    }
}
