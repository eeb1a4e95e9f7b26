package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §3.11-3.14 on the Telegram side: coalescing, sealing at 4096, append fallback, buttons, file tags. */
class StreamingTest {

    private static final String TOKEN = "1:streaming";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, 7L);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake =
            FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
    private final Outbox outbox = TestRenderers.outbox(time);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    private Renderer renderer(TelegramPort telegram, StreamSettings settings) {
        return TestRenderers.renderer(
                telegram, outbox, new SentMessages(workspace.resolve("state"), 100), settings, workspace, time);
    }

    @Test
    void shortTextWaitsForTheCoalescerThenTheIdleTimerReleasesIt() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.1));
        renderer.open("c1", CHAT, "3").join();
        time.join(renderer.append("c1", CHAT, 0, "Short start"));
        assertThat(fake.chat(42)).isEmpty(); // below min_chars: nothing yet
        String longer = "word ".repeat(60); // 300 chars without a sentence end
        renderer.append("c1", CHAT, 0, longer);
        time.advance(Duration.ofMillis(799));
        assertThat(fake.chat(42)).isEmpty(); // no sentence end: it waits for idle_ms (800) without news
        time.advance(Duration.ofMillis(1));
        assertThat(fake.visible(42))
                .singleElement()
                .satisfies(m -> assertThat(m.text().strip()).isEqualTo(longer.strip()));
        assertThat(fake.visible(42).getFirst().threadId()).isEqualTo(7L);
        assertThat(fake.visible(42).getFirst().replyTo()).isEqualTo(3);
    }

    @Test
    void repeatedToolsCollapseIntoOneIndicatorAndTheFinalShowsOnlyTheAnswer() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        renderer.open("c10", CHAT, null).join();
        time.join(renderer.append("c10", CHAT, 0, "Checking the build"));
        for (int i = 2; i <= 4; i++) {
            renderer.status("c10", CHAT, i, StatusLine.render("tool", "Bash"));
        }
        time.advance(Duration.ofSeconds(5));
        assertThat(fake.visible(42).getFirst().source()).isEqualTo("Checking the build\n\n<b>[TOOL: Shell]</b> x3");
        renderer.status("c10", CHAT, 5, StatusLine.render("system", "thinking"));
        time.advance(Duration.ofSeconds(5));
        assertThat(fake.visible(42).getFirst().source()).isEqualTo("Checking the build\n\n<i>[THINKING]</i>");
        time.join(renderer.close("c10", CHAT, null, "Checking the build: green.", List.of(), true));
        assertThat(fake.visible(42))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Checking the build: green."));
    }

    @Test
    void editsOfOneMessageAreAtLeastTheEditIntervalApart() {
        Renderer renderer = renderer(port, new StreamSettings(1, 1, 800, 1.0, 3, false, true));
        renderer.open("c11", CHAT, null).join();
        time.join(renderer.append("c11", CHAT, 0, "one"));
        renderer.append("c11", CHAT, 0, "one two");
        time.join(renderer.append("c11", CHAT, 0, "one two three"));
        time.join(renderer.append("c11", CHAT, 0, "one two three four"));
        var calls = fake.requests().stream()
                .filter(r ->
                        r.method().equalsIgnoreCase("sendMessage") || r.method().equalsIgnoreCase("editMessageText"))
                .toList();
        assertThat(calls).hasSize(3); // the send, then one edit per interval: "one two" was superseded
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).at(), calls.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void aLongStreamSealsFullMessagesAndContinuesInNewOnes() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        renderer.open("c2", CHAT, null).join();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("Paragraph ")
                    .append(i)
                    .append(' ')
                    .append("x".repeat(180))
                    .append(".\n\n");
            renderer.append("c2", CHAT, 0, text.toString());
        }
        String full = text.toString().strip();
        time.join(renderer.close("c2", CHAT, null, full, List.of(), true));
        List<BotMessage> messages = fake.visible(42);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(messages).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n\n", messages.stream().map(BotMessage::text).toList()))
                .isEqualTo(full);
        assertThat(fake.rateLimited429Count()).isZero();
    }

    @Test
    void aSplitCodeBlockIsClosedAndReopened() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        String code = "```python\n" + "print('hello world')\n".repeat(300) + "```";
        time.join(renderer.close("c3", CHAT, null, "Here:\n\n" + code, List.of(), true));
        List<BotMessage> messages = fake.visible(42);
        assertThat(messages).hasSizeGreaterThan(1);
        assertThat(messages.getFirst().text()).isEqualTo("Here:");
        assertThat(messages.subList(1, messages.size()))
                .hasSizeGreaterThan(1)
                .allSatisfy(m -> assertThat(m.source())
                        .startsWith("<pre><code class=\"language-python\">")
                        .endsWith("</code></pre>"));
    }

    @Test
    void afterThreeFailedEditsTheStreamContinuesInAppendMode() {
        TelegramPort editsFail = TestRenderers.editsRejected(port);
        Renderer renderer = renderer(editsFail, new StreamSettings(1, 1, 800, 0.01, 3, false, true));
        renderer.open("c4", CHAT, null).join();
        for (int i = 1; i <= 6; i++) {
            time.join(renderer.append("c4", CHAT, 0, "part" + "\n\npart".repeat(i - 1)));
        }
        time.join(renderer.close("c4", CHAT, null, "part" + "\n\npart".repeat(6), List.of(), true));
        // the first message, then three failed edits, then every remaining part as a new message
        assertThat(fake.visible(42)).hasSizeGreaterThan(1);
        assertThat(fake.visible(42)).extracting(BotMessage::text).allMatch(t -> t.startsWith("part"));
        int shownParts = fake.visible(42).stream()
                .mapToInt(m -> m.text().split("part", -1).length - 1)
                .sum();
        assertThat(shownParts).isEqualTo(7);
    }

    @Test
    void appendModeSendsEachPieceAndIndicatorAsNewMessagesAndButtonsOnTheLast() {
        Renderer renderer = renderer(port, new StreamSettings(1, 1, 800, 0.01, 3, true, true));
        renderer.open("c5", CHAT, null).join();
        time.join(renderer.append("c5", CHAT, 0, "First part."));
        time.join(renderer.status("c5", CHAT, 2, StatusLine.render("tool", "bash")));
        time.join(renderer.append("c5", CHAT, 0, "First part.\n\nSecond part."));
        time.join(renderer.close("c5", CHAT, null, "First part.\n\nSecond part.\n\n[button:OK]", List.of(), true));
        assertThat(fake.visible(42))
                .extracting(BotMessage::text)
                .containsExactly("First part.", "[TOOL: Shell]", "Second part.");
        assertThat(fake.visible(42).getLast().buttons()).containsExactly(List.of(new FakeButton("OK", "OK")));
    }

    @Test
    void buttonMarkersInTheFinalAnswerBecomeTheKeyboard() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        renderer.open("c6", CHAT, "1").join();
        time.join(renderer.close("c6", CHAT, null, "Deploy now?\n\n[button:Yes] [button:No]", List.of(), true));
        BotMessage message = fake.visible(42).getFirst();
        assertThat(message.text()).isEqualTo("Deploy now?");
        assertThat(message.buttons())
                .containsExactly(List.of(new FakeButton("Yes", "Yes"), new FakeButton("No", "No")));
    }

    @Test
    void pressingAnAnswerButtonAppendsTheAnswerAndRemovesTheKeyboard() {
        AnsweredButtons answers = new AnsweredButtons(port, outbox);
        Renderer renderer = TestRenderers.renderer(
                port,
                outbox,
                new SentMessages(workspace.resolve("state"), 100),
                StreamSettings.defaults(0.05),
                workspace,
                new SimpleMeterRegistry(),
                answers,
                time,
                time,
                new Drafts(false));
        String label = "Ja, bitte deployen auf alle Server in Europa und Amerika — sofort und ohne Rückfrage";
        time.join(renderer.close(
                "c9", CHAT, null, "**Deploy** now?\n\n[button:" + label + "] [button:No]", List.of(), true));
        BotMessage message = fake.visible(42).getFirst();
        String data = message.buttons().getFirst().getFirst().callbackData();
        assertThat(data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(64);

        answers.pressed(42, message.id(), data, message.text());
        time.advance(Duration.ofSeconds(5));

        BotMessage answered = fake.visible(42).getFirst();
        assertThat(answered.text()).isEqualTo("Deploy now?\n\n[USER ANSWER] " + label);
        assertThat(answered.source()).isEqualTo("<b>Deploy</b> now?\n\n<i>[USER ANSWER] " + label + "</i>");
        assertThat(answered.buttons()).isEmpty();
    }

    @Test
    void commandButtonsAreLeftToTheirOwners() {
        AnsweredButtons answers = new AnsweredButtons(port, outbox);
        int id = port.sendMessage(
                        42,
                        null,
                        "[Message in queue...]",
                        false,
                        null,
                        List.of(List.of(new Button("Cancel message", "mq:1"))))
                .messageId();
        answers.pressed(42, id, "mq:1", "[Message in queue...]");
        assertThat(fake.requests("editMessageText")).isEmpty();
    }

    @Test
    void explicitButtonsWinOverMarkers() {
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        time.join(renderer.close(
                "c7", CHAT, null, "Choose [button:x]", List.of(List.of(new Button("Model", "ms:1"))), true));
        assertThat(fake.visible(42).getFirst().buttons()).containsExactly(List.of(new FakeButton("Model", "ms:1")));
    }

    @Test
    void fileTagsSendPhotosAndDocumentsAndRefuseFilesOutsideTheWorkspace() throws Exception {
        Files.createDirectories(workspace.resolve("output_to_user"));
        Files.write(workspace.resolve("output_to_user/chart.png"), new byte[] {1, 2, 3});
        Files.writeString(workspace.resolve("output_to_user/report.txt"), "report");
        Renderer renderer = renderer(port, StreamSettings.defaults(0.05));
        time.join(renderer.close(
                "c8",
                CHAT,
                null,
                "Done <file:output_to_user/chart.png>\n<file:output_to_user/report.txt>\n<file:/etc/hostname>"
                        + "\n<file:output_to_user/missing.pdf>",
                List.of(),
                true));
        List<BotMessage> messages = fake.visible(42);
        assertThat(messages.getFirst().text()).isEqualTo("Done");
        assertThat(fake.requests("sendPhoto")).hasSize(1);
        assertThat(fake.requests("sendDocument")).hasSize(1);
        assertThat(messages)
                .extracting(BotMessage::text)
                .contains(
                        "Could not send hostname — file is outside the allowed directory.\n\n"
                                + "Fix: set \"file_access\": \"all\" in config.json, then /restart.",
                        "[File not found: missing.pdf]");
        assertThat(messages).allSatisfy(m -> assertThat(m.threadId()).isEqualTo(7L));
    }
}
