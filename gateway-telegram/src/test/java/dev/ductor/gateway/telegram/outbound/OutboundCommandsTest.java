package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.Button;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.PinMessage;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.SyncCommands;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import dev.ductor.workspace.SendableFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundCommandsTest {

    private static final String TOKEN = "2:commands";
    private static final ChatRef CHAT = new ChatRef("tg", "main", -100, 3L);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake = FakeTelegram.start(TOKEN).clock(time);
    private final TelegramMetrics metrics = new TelegramMetrics(new SimpleMeterRegistry());
    private final PengradTelegramPort port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, metrics);
    private final Outbox outbox =
            new Outbox(Duration.ofMillis(20), Duration.ofMillis(100), new SimpleMeterRegistry(), time, time);

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    private final AnsweredButtons answers = new AnsweredButtons(port, outbox);

    private OutboundCommands commands() {
        return commands(port);
    }

    private OutboundCommands commands(TelegramPort telegram) {
        SentMessages sent = new SentMessages(home.resolve("state"), 100);
        return new OutboundCommands(
                telegram,
                outbox,
                TestRenderers.renderer(
                        telegram,
                        outbox,
                        sent,
                        StreamSettings.defaults(0.05),
                        home,
                        new SimpleMeterRegistry(),
                        answers,
                        time,
                        time,
                        new Drafts(false)),
                sent,
                new DuctorHome(home),
                metrics,
                new CommandMenu(home.resolve("state")),
                new SendableFiles(() -> "all", home.resolve("workspace"), home.resolve("user"), home),
                new Pictures(home.resolve("state/pictures")),
                answers);
    }

    private static final List<List<Button>> WELCOME_BUTTONS = List.of(
            List.of(new Button("Let's get to know each other!", "w:1")),
            List.of(new Button("Check out the system!", "w:2")));

    private static SendText welcome(String ref, String text, String image) {
        return new SendText(ref, CHAT, text, "5", WELCOME_BUTTONS, null, image);
    }

    // behaviour §2.2: the welcome is the caption of ductor's picture, its buttons under it
    @Test
    void theWelcomeIsTheCaptionOfThePictureAndAPressMarksTheCaption() {
        var commands = commands();
        run(commands, welcome("welcome-1", "**Welcome to ductor.dev, Alice!**\n\n───", SendText.WELCOME_IMAGE));
        run(commands, welcome("welcome-1", "**Welcome to ductor.dev, Alice!**\n\n───", SendText.WELCOME_IMAGE));

        BotMessage photo = fake.visible(-100).getFirst();
        assertThat(fake.visible(-100)).as("a redelivery sends nothing more").hasSize(1);
        assertThat(photo.documentName()).isEqualTo("welcome.png");
        assertThat(photo.text()).isEqualTo("Welcome to ductor.dev, Alice!\n\n───");
        assertThat(photo.parseMode()).isEqualTo("HTML");
        assertThat(photo.threadId()).isEqualTo(3L);
        assertThat(photo.replyTo()).isEqualTo(5);
        assertThat(photo.buttons()).hasSize(2);
        assertThat(home.resolve("state/pictures/welcome.png")).isNotEmptyFile();

        answers.pressed(-100, photo.id(), "w:1", null);

        time.advance(Duration.ofSeconds(5));
        BotMessage answered = fake.visible(-100).getFirst();
        assertThat(answered.text()).endsWith("[USER ANSWER] Let's get to know each other!");
        assertThat(answered.buttons()).isEmpty();
        assertThat(fake.requests("editMessageText")).isEmpty();

        // after a restart the keyboard is forgotten: the press names the caption Telegram shows
        run(commands(), welcome("welcome-5", "**Welcome back**", SendText.WELCOME_IMAGE));
        BotMessage again = fake.visible(-100).getLast();
        new AnsweredButtons(port, outbox).pressed(-100, again.id(), "w:2", again.text());
        time.advance(Duration.ofSeconds(5));
        assertThat(fake.visible(-100).getLast().text()).isEqualTo("Welcome back\n\n[USER ANSWER] w:2");
        assertThat(fake.visible(-100).getLast().buttons()).isEmpty();
    }

    @Test
    void aWelcomeTooLongForACaptionOrACaptionRefusedFollowsTheBarePicture() {
        String longText = "**Welcome**\n\n" + "word ".repeat(250);
        run(commands(), welcome("welcome-2", longText, SendText.WELCOME_IMAGE));

        List<BotMessage> shown = fake.visible(-100);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).documentName()).isEqualTo("welcome.png");
        assertThat(shown.get(0).text()).isEmpty();
        assertThat(shown.get(1).text()).startsWith("Welcome");
        assertThat(shown.get(1).buttons()).hasSize(2);

        TelegramPort refusingCaptions = (TelegramPort) Proxy.newProxyInstance(
                TelegramPort.class.getClassLoader(), new Class<?>[] {TelegramPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendPhoto") && args.length == 7 && !((String) args[3]).isEmpty()) {
                        return new ApiResult(
                                "sendPhoto", false, 400, "Bad Request: can't parse caption entities", null, null);
                    }
                    return method.invoke(port, args);
                });
        run(commands(refusingCaptions), welcome("welcome-3", "**Welcome**", SendText.WELCOME_IMAGE));

        shown = fake.visible(-100);
        assertThat(shown).hasSize(4);
        assertThat(shown.get(2).documentName()).isEqualTo("welcome.png");
        assertThat(shown.get(3).text()).isEqualTo("Welcome");
        assertThat(shown.get(3).buttons()).hasSize(2);
    }

    @Test
    void aPictureTheGatewayDoesNotShipLeavesTheTextAlone() {
        run(commands(), welcome("welcome-4", "**Hello**", "no-such-picture"));

        assertThat(fake.visible(-100)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Hello");
            assertThat(m.documentName()).isNull();
        });
    }

    private void run(OutboundCommands commands, Contract contract) {
        time.join(commands.handle(contract));
    }

    @Test
    void aTextTheChatRefusesForGoodGoesToItsFallbackAndOneWithoutFailsAsBefore() {
        var commands = commands();
        fake.kickBot(-100);
        ChatRef owner = new ChatRef("tg", "main", 7, null);

        run(
                commands,
                new SendText(
                        "r1",
                        CHAT,
                        "**TASK: brief**\n\nAll good",
                        null,
                        List.of(),
                        new SendText.Fallback(owner, "**Cron delivery failed**\n\nAll good")));

        assertThat(fake.visible(-100)).isEmpty();
        assertThat(fake.visible(7)).extracting(m -> m.text()).containsExactly("Cron delivery failed\n\nAll good");
        var without = commands.handle(new SendText("r2", CHAT, "no fallback", null, List.of()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> time.join(without))
                .isNotNull();
        assertThat(fake.visible(7)).hasSize(1);
    }

    @Test
    void aTextThatFailsForAnotherReasonFailsItsCommandAndSendsNoFallback() {
        var commands = commands();
        fake.refuseSends(-100, 400, "Bad Request: some other reason"); // refused for good, but not the chat
        ChatRef owner = new ChatRef("tg", "main", 7, null);

        var failed = commands.handle(new SendText(
                "r3",
                CHAT,
                "**TASK: brief**",
                null,
                List.of(),
                new SendText.Fallback(owner, "**Cron delivery failed**")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> time.join(failed))
                .isNotNull();
        fake.endOutage();
        assertThat(fake.requests("sendMessage"))
                .noneMatch(r -> r.param("chat_id").equals("7")); // never tried
        assertThat(fake.visible(7)).isEmpty();
    }

    @Test
    void aPinFollowsTheSendItNamesEvenWhenBothArriveAtOnce() {
        var commands = commands();
        var send = commands.handle(new SendText("join", CHAT, "Welcome to the team chat", null, List.of()));
        var pin = commands.handle(new PinMessage("join", CHAT)); // dispatched before the send is through
        time.join(CompletableFuture.allOf(send, pin));
        int sent = fake.visible(-100).getFirst().id();
        assertThat(fake.pinned(-100)).contains(sent);
        assertThat(fake.requests("pinChatMessage")
                        .getFirst()
                        .params()
                        .get("disable_notification")
                        .asBoolean())
                .isTrue();

        run(commands, new PinMessage("never-sent", CHAT));
        assertThat(fake.requests("pinChatMessage")).hasSize(1);
    }

    @Test
    void textsAreEditedAndDeletedByRefEvenAfterARestart() {
        run(commands(), new SendText("r1", CHAT, "first", "7", List.of()));
        OutboundCommands restarted = commands();
        run(restarted, new EditText("r1", CHAT, "changed", List.of()));
        assertThat(fake.visible(-100)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("changed");
            assertThat(m.threadId()).isEqualTo(3L);
            assertThat(m.replyTo()).isEqualTo(7);
        });
        run(restarted, new DeleteMessage("r1", CHAT));
        assertThat(fake.visible(-100)).isEmpty();
        assertThat(fake.chat(-100))
                .singleElement()
                .extracting(BotMessage::deleted)
                .isEqualTo(true);
    }

    @Test
    void filesActionsButtonsCommandsAndLeaving() throws IOException {
        Files.createDirectories(home.resolve("workspace/output_to_user"));
        Files.writeString(home.resolve("workspace/output_to_user/report.txt"), "report");
        OutboundCommands commands = commands();
        run(commands, new SendFile("f1", CHAT, "workspace/output_to_user/report.txt", "Your report", null));
        run(commands, new ChatAction(CHAT, "typing"));
        run(commands, new AcknowledgePress(CHAT, "cb-9", "ok"));
        run(commands, new SyncCommands("tg", "main", List.of(new SyncCommands.BotCommand("new", "Fresh session"))));
        run(commands, new SyncCommands("tg", "main", List.of(new SyncCommands.BotCommand("new", "Fresh session"))));
        run(commands(), new SyncCommands("tg", "main", List.of(new SyncCommands.BotCommand("new", "Fresh session"))));
        assertThat(fake.requests("setMyCommands"))
                .hasSize(1); // unchanged menus are not sent again, even after a restart
        run(commands, new SyncCommands("tg", "main", List.of(new SyncCommands.BotCommand("stop", "Stop"))));
        assertThat(fake.requests("setMyCommands")).hasSize(2);
        run(commands, new LeaveChat(CHAT));

        assertThat(fake.visible(-100)).singleElement().satisfies(m -> {
            assertThat(m.documentName()).isEqualTo("report.txt");
            assertThat(m.text()).isEqualTo("Your report");
        });
        assertThat(fake.requests("sendChatAction").getFirst().param("message_thread_id"))
                .isEqualTo("3");
        assertThat(fake.requests("answerCallbackQuery").getFirst().param("callback_query_id"))
                .isEqualTo("cb-9");
        assertThat(fake.myCommands().get(0).path("command").asString()).isEqualTo("stop");
        assertThat(fake.requests("leaveChat")).hasSize(1);
    }

    @Test
    void unknownRefsAndMissingFilesAreDoneWithoutCalls() {
        OutboundCommands commands = commands();
        run(commands, new EditText("nope", CHAT, "x", List.of()));
        run(commands, new DeleteMessage("nope", CHAT));
        run(commands, new SendFile("f2", CHAT, "missing.txt", null, null));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void markersInCommandRepliesAreShownAsTheyAreNeverCarriedOut() throws IOException {
        Files.createDirectories(home.resolve("workspace"));
        Files.writeString(home.resolve("workspace/notes.txt"), "notes");
        OutboundCommands commands = commands();
        // a topic name a stranger chose, echoed by /status
        String status = "Topic: <file:workspace/notes.txt> [button:Evil]";
        run(commands, new SendText("status", CHAT, status, null, List.of()));
        run(commands, new SendText("edited", CHAT, "first", null, List.of()));
        run(commands, new EditText("edited", CHAT, "Now <file:workspace/notes.txt>", List.of()));

        assertThat(fake.visible(-100))
                .extracting(BotMessage::text)
                .containsExactly(status, "Now <file:workspace/notes.txt>");
        assertThat(fake.visible(-100)).allSatisfy(m -> assertThat(m.buttons()).isEmpty());
        assertThat(fake.requests("sendDocument")).isEmpty();
    }

    @Test
    void markersInAStreamCloseAreCarriedOutOnlyWhenItIsTheAgentsAnswer() throws IOException {
        // issue 10 item 3: an error close may quote a CLI's error or a file name a stranger chose
        Files.createDirectories(home.resolve("workspace"));
        Files.writeString(home.resolve("workspace/notes.txt"), "notes");
        OutboundCommands commands = commands();
        String error = "Error: cannot read <file:workspace/notes.txt> [button:Retry]";
        run(commands, new StreamOpen("run-err", CHAT, null));
        run(commands, new StreamClose("run-err", CHAT, error, List.of(), false));

        assertThat(fake.visible(-100)).extracting(BotMessage::text).containsExactly(error);
        assertThat(fake.visible(-100)).allSatisfy(m -> assertThat(m.buttons()).isEmpty());
        assertThat(fake.requests("sendDocument")).isEmpty();

        run(commands, new StreamOpen("run-ok", CHAT, null));
        run(commands, new StreamClose("run-ok", CHAT, "Here: <file:workspace/notes.txt>", List.of(), true));
        assertThat(fake.requests("sendDocument")).hasSize(1);
    }

    @Test
    void secretsAreNeverSentEvenWithFileAccessAll() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.json"), "{\"telegram_token\": \"2:commands\"}");
        Files.writeString(home.resolve(".env"), "KEY=secret");
        Files.createDirectories(home.resolve("user/.claude"));
        Files.writeString(home.resolve("user/.claude/.credentials.json"), "{}");
        OutboundCommands commands = commands();
        run(commands, new SendFile("s1", CHAT, "config/config.json", null, null));
        run(commands, new SendFile("s2", CHAT, ".env", null, null));
        run(commands, new SendFile("s3", CHAT, "user/.claude/.credentials.json", null, null));
        run(commands, new SendFile("s4", CHAT, "workspace/../config/config.json", null, null));
        assertThat(fake.requests("sendDocument")).isEmpty();

        // the agent's own tag is refused the same way
        run(commands, new StreamClose("run-1", CHAT, "Here: <file:config/config.json>", List.of(), true));
        assertThat(fake.requests("sendDocument")).isEmpty();
        assertThat(fake.visible(-100))
                .extracting(BotMessage::text)
                .anySatisfy(t -> assertThat(t).startsWith("Could not send config.json"));
    }
}
