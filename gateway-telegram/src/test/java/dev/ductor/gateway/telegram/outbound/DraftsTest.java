package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §3.11 "Drafts": a private chat sees the answer grow as a draft, then the final message. */
class DraftsTest {

    private static final String TOKEN = "1:drafts";
    private static final ChatRef PRIVATE = new ChatRef("tg", "main", 42, 7L);
    private static final ChatRef GROUP = new ChatRef("tg", "main", -100_42, null);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake =
            FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
    private final Outbox outbox = TestRenderers.outbox(time);
    private final Drafts drafts = new Drafts(true);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    private Renderer renderer() {
        return TestRenderers.renderer(
                port,
                outbox,
                new SentMessages(workspace.resolve("state"), 100),
                StreamSettings.defaults(1.0),
                workspace,
                new SimpleMeterRegistry(),
                new AnsweredButtons(port, outbox),
                time,
                time,
                drafts);
    }

    private static String joined(List<BotMessage> messages) {
        return String.join("\n\n", messages.stream().map(m -> m.text().strip()).toList());
    }

    @Test
    void aPrivateChatSeesTheAnswerGrowAsADraftThenOneFinalMessage() {
        fake.offerDrafts(true);
        String answer = StreamScript.answer(1_500);
        Renderer renderer = renderer();
        renderer.open("d1", PRIVATE, "3").join();

        time.join(renderer.append("d1", PRIVATE, 0, answer.substring(0, 600)));
        assertThat(fake.chat(42)).isEmpty(); // no message yet: the draft shows it
        assertThat(fake.draft(42)).hasValueSatisfying(d -> {
            assertThat(answer).startsWith(d.text().strip());
            assertThat(d.threadId()).isEqualTo(7L);
        });
        time.join(renderer.append("d1", PRIVATE, 600, answer.substring(600)));
        assertThat(fake.draft(42))
                .hasValueSatisfying(d -> assertThat(d.text().strip()).isEqualTo(answer));

        time.join(renderer.close("d1", PRIVATE, null, answer, List.of(), true));
        assertThat(fake.draft(42)).isEmpty();
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.text().strip()).isEqualTo(answer);
            assertThat(m.replyTo()).isEqualTo(3);
            assertThat(m.threadId()).isEqualTo(7L);
            assertThat(m.editCount()).isZero();
        });
        assertThat(fake.requests("sendMessageDraft")).hasSize(2);
        assertThat(fake.requests("editMessageText")).isEmpty();
    }

    @Test
    void aDraftIsShownAgainWhileALongToolRunsSoTelegramDoesNotDropIt() {
        fake.offerDrafts(true);
        String answer = StreamScript.answer(600);
        Renderer renderer = renderer();
        renderer.open("d6", PRIVATE, "3").join();
        time.join(renderer.append("d6", PRIVATE, 0, answer));
        renderer.status("d6", PRIVATE, 2, StatusLine.render("tool", "Bash"));

        time.advance(Duration.ofSeconds(95)); // a tool running long after the last text
        assertThat(fake.draft(42)).hasValueSatisfying(d -> assertThat(d.text()).startsWith(answer.strip()));

        time.join(renderer.close("d6", PRIVATE, null, answer, List.of(), true));
        time.advance(Duration.ofSeconds(60));
        assertThat(fake.visible(42))
                .singleElement()
                .satisfies(m -> assertThat(m.text().strip()).isEqualTo(answer.strip()));
        assertThat(fake.requests("sendMessageDraft")).hasSizeBetween(5, 7); // one every 20 s, no more
    }

    @Test
    void aLongAnswerSealsWholeMessagesAndDraftsOnlyTheRest() {
        fake.offerDrafts(true);
        String answer = StreamScript.answer(10_000);
        Renderer renderer = renderer();
        renderer.open("d2", PRIVATE, "3").join();
        for (int offset = 0; offset < answer.length(); offset += 1_000) {
            renderer.append("d2", PRIVATE, offset, answer.substring(offset, Math.min(answer.length(), offset + 1_000)));
            time.advance(Duration.ofMillis(500));
        }
        time.advance(Duration.ofSeconds(5));
        List<BotMessage> streaming = fake.visible(42);
        assertThat(streaming).hasSize(3); // two sealed messages and the draft of the rest
        assertThat(streaming.getLast().id()).isZero();
        // all but the last paragraph, which is shorter than min_chars and waits for the close
        assertThat(answer).startsWith(joined(streaming));
        assertThat(joined(streaming).length()).isGreaterThan(answer.length() - 200);

        time.join(renderer.close("d2", PRIVATE, null, answer, List.of(), true));
        List<BotMessage> messages = fake.visible(42);
        assertThat(messages).hasSize(3).allSatisfy(m -> {
            assertThat(m.text().length()).isLessThanOrEqualTo(FakeTelegram.MAX_TEXT);
            assertThat(m.editCount()).isZero();
        });
        assertThat(joined(messages)).isEqualTo(answer);
        assertThat(fake.rateLimited429Count()).isZero();
    }

    @Test
    void whenTheBotApiRefusesDraftsTheStreamIsEditedAndLaterStreamsDoNotTryAgain() {
        String answer = StreamScript.answer(1_500); // the fake does not offer drafts: 404 Not Found
        Renderer renderer = renderer();
        renderer.open("d3", PRIVATE, "3").join();
        time.join(renderer.append("d3", PRIVATE, 0, answer.substring(0, 600)));
        time.join(renderer.append("d3", PRIVATE, 600, answer.substring(600)));
        time.join(renderer.close("d3", PRIVATE, null, answer, List.of(), true));
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.text().strip()).isEqualTo(answer);
            assertThat(m.editCount()).isPositive(); // shown as it grew, by edits
        });

        renderer.open("d4", PRIVATE, "5").join();
        time.join(renderer.append("d4", PRIVATE, 0, answer));
        time.join(renderer.close("d4", PRIVATE, null, answer, List.of(), true));
        assertThat(fake.requests("sendMessageDraft")).hasSize(1); // refused once, remembered for the bot
        assertThat(fake.visible(42)).hasSize(2);
    }

    @Test
    void aRefusedDraftOfAStatusIsShownAsAMessage() {
        Renderer renderer = renderer(); // the fake does not offer drafts: 404 Not Found
        renderer.open("d5", PRIVATE, "3").join();

        time.join(renderer.status("d5", PRIVATE, 1, "recovering"));

        assertThat(fake.requests("sendMessageDraft")).hasSize(1);
        assertThat(fake.visible(42))
                .as("the status the refused draft did not show goes out as a message")
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("recovering"));
    }

    @Test
    void groupsAreNeverDrafted() {
        fake.offerDrafts(true);
        String answer = StreamScript.answer(1_500);
        Renderer renderer = renderer();
        renderer.open("d5", GROUP, "3").join();
        time.join(renderer.append("d5", GROUP, 0, answer));
        time.join(renderer.close("d5", GROUP, null, answer, List.of(), true));

        assertThat(fake.requests("sendMessageDraft")).isEmpty();
        assertThat(joined(fake.visible(-100_42))).isEqualTo(answer);
    }
}
