package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.model.Update;
import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.Button;
import dev.ductor.model.ChatRef;
import dev.ductor.model.SyncCommands;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeButton;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {

    private static final String TOKEN = "1:renderer";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, null);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake = FakeTelegram.start(TOKEN).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
    private final Outbox outbox = TestRenderers.outbox(time);

    @TempDir
    Path state;

    @AfterEach
    void stop() {
        outbox.close();
        fake.close();
    }

    private Renderer renderer(double interval) {
        return renderer(port, StreamSettings.defaults(interval));
    }

    private Renderer renderer(TelegramPort telegram, StreamSettings settings) {
        return TestRenderers.renderer(telegram, outbox, new SentMessages(state, 100), settings, state, time);
    }

    @Test
    void streamEndsAsOneReplyShowingExactlyTheFinalText() {
        Renderer renderer = renderer(0.2);
        renderer.open("s1", CHAT, "5").join();
        var first = renderer.append("s1", CHAT, 0, "Hel");
        renderer.status("s1", CHAT, 2, StatusLine.render("tool", "bash"));
        var second = renderer.append("s1", CHAT, 0, "Hello wor");
        var third = renderer.append("s1", CHAT, 0, "Hello world");
        time.join(CompletableFuture.allOf(first, second, third));
        time.join(renderer.close(
                "s1", CHAT, null, "Hello world, done.", List.of(List.of(new Button("Again", "again"))), true));

        List<BotMessage> messages = fake.visible(42);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().text()).isEqualTo("Hello world, done.");
        assertThat(messages.getFirst().replyTo()).isEqualTo(5);
        assertThat(messages.getFirst().buttons()).containsExactly(List.of(new FakeButton("Again", "again")));
    }

    @Test
    void indicatorIsShownWhileStreaming() {
        Renderer renderer = renderer(0.05);
        renderer.open("s2", CHAT, null).join();
        time.join(renderer.append("s2", CHAT, 0, "Working"));
        time.join(renderer.status("s2", CHAT, 2, StatusLine.render("tool", "Bash")));
        assertThat(fake.visible(42).getFirst().text()).isEqualTo("Working\n\n[TOOL: Shell]");
        time.join(renderer.close("s2", CHAT, null, "Working", List.of(), true));
        assertThat(fake.visible(42).getFirst().text()).isEqualTo("Working");
    }

    @Test
    void aStatusBeforeAnyTextIsShownAndTheAnswerReplacesIt() {
        Renderer renderer = renderer(0.05);
        renderer.open("s9", CHAT, "5").join();
        time.join(renderer.status("s9", CHAT, 1, StatusLine.render("system", "recovering")));
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("[Please wait, recovering...]");
            assertThat(m.replyTo()).isEqualTo(5);
        });
        time.join(renderer.close("s9", CHAT, null, "Fresh answer.", List.of(), true));
        assertThat(fake.visible(42))
                .singleElement()
                .extracting(BotMessage::text)
                .isEqualTo("Fresh answer.");
    }

    @Test
    void anAnswerForADeletedTopicGoesToTheChatWithoutIt() {
        var topic = new ChatRef("tg", "main", 42, 9L);
        fake.deleteTopic(42, 9);
        Renderer renderer = renderer(0.05);
        time.join(renderer.close("t1", topic, "5", "Your answer.", List.of(), true));
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Your answer.");
            assertThat(m.threadId()).isNull();
        });
    }

    @Test
    void newerAppendsSupersedePendingEdits() {
        Renderer renderer = renderer(port, new StreamSettings(1, 1, 800, 1.0, 3, false, true)); // no coalescing
        renderer.open("s3", CHAT, null).join();
        time.join(renderer.append("s3", CHAT, 0, "a"));
        List<CompletableFuture<Void>> appends = new java.util.ArrayList<>();
        for (int i = 2; i <= 10; i++) {
            appends.add(renderer.append("s3", CHAT, 0, "a".repeat(i)));
        }
        // all but the last were superseded before any edit went out
        assertThat(appends.subList(0, 8)).allMatch(CompletableFuture::isDone);
        time.join(appends.getLast());
        assertThat(fake.requests("editMessageText")).hasSize(1);
        assertThat(fake.visible(42).getFirst().text()).isEqualTo("a".repeat(10));
    }

    @Test
    void longFinalTextIsSplitIntoSeveralMessages() {
        Renderer renderer = renderer(0.05);
        String paragraph = "p".repeat(3000);
        renderer.open("s4", CHAT, "1").join();
        time.join(renderer.append("s4", CHAT, 0, paragraph));
        time.join(renderer.close("s4", CHAT, null, paragraph + "\n\n" + paragraph, List.of(), true));
        assertThat(fake.visible(42)).extracting(BotMessage::text).containsExactly(paragraph, paragraph);
        assertThat(fake.visible(42).get(1).replyTo()).isNull();
    }

    @Test
    void afterARestartARedeliveredAppendEditsTheSameMessage() {
        Renderer before = renderer(0.05);
        before.open("s5", CHAT, "3").join();
        time.join(before.append("s5", CHAT, 0, "partial"));

        Renderer after = renderer(0.05); // a new process: only the state files survive
        time.join(after.append("s5", CHAT, 0, "partial"));
        time.join(after.close("s5", CHAT, null, "partial and final", List.of(), true));
        assertThat(fake.chat(42)).hasSize(1);
        assertThat(fake.chat(42).getFirst().text()).isEqualTo("partial and final");
    }

    @Test
    void closeWithoutAppendsSendsTheFinalTextAsReply() {
        Renderer renderer = renderer(2);
        renderer.open("s6", CHAT, "8").join();
        time.join(renderer.close("s6", CHAT, null, "Only at the end", List.of(), true));
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Only at the end");
            assertThat(m.replyTo()).isEqualTo(8);
        });
    }

    @Test
    void markdownIsSentAsTelegramHtml() {
        Renderer renderer = renderer(0.05);
        time.join(renderer.close("t1", CHAT, "4", "**Done**: see `a<b`", List.of(), true));
        BotMessage message = fake.visible(42).getFirst();
        assertThat(message.text()).isEqualTo("Done: see a<b");
        assertThat(message.source()).isEqualTo("<b>Done</b>: see <code>a&lt;b</code>");
        assertThat(message.parseMode()).isEqualTo("HTML");
    }

    @Test
    void refusedHtmlIsResentAsPlainText() {
        TelegramPort refusingHtml = new RefusingHtml(port);
        Renderer renderer = renderer(refusingHtml, StreamSettings.defaults(0.05));
        time.join(renderer.close("t2", CHAT, null, "**x**", List.of(), true));
        BotMessage message = fake.visible(42).getFirst();
        assertThat(message.text()).isEqualTo("**x**");
        assertThat(message.parseMode()).isNull();
    }

    /** A Bot API server that refuses every HTML text, to exercise the plain-text fallback. */
    private record RefusingHtml(TelegramPort delegate) implements TelegramPort {

        @Override
        public ApiResult pinChatMessage(long chatId, int messageId) {
            return delegate.pinChatMessage(chatId, messageId);
        }

        private static final ApiResult REFUSED =
                new ApiResult("sendMessage", false, 400, "Bad Request: can't parse entities: nope", null, null);

        @Override
        public BotIdentity getMe() {
            return delegate.getMe();
        }

        @Override
        public List<Update> getUpdates(int offset, int limit, int timeoutSeconds) {
            return delegate.getUpdates(offset, limit, timeoutSeconds);
        }

        @Override
        public ApiResult sendMessage(
                long chatId,
                @Nullable Long threadId,
                String text,
                boolean html,
                @Nullable Integer replyTo,
                List<List<Button>> buttons) {
            return html ? REFUSED : delegate.sendMessage(chatId, threadId, text, false, replyTo, buttons);
        }

        @Override
        public ApiResult sendMessageDraft(
                long chatId, @Nullable Long threadId, int draftId, String text, boolean html) {
            return html ? REFUSED : delegate.sendMessageDraft(chatId, threadId, draftId, text, false);
        }

        @Override
        public ApiResult editMessageText(
                long chatId, int messageId, String text, boolean html, List<List<Button>> buttons) {
            return html ? REFUSED : delegate.editMessageText(chatId, messageId, text, false, buttons);
        }

        @Override
        public ApiResult deleteMessage(long chatId, int messageId) {
            return delegate.deleteMessage(chatId, messageId);
        }

        @Override
        public ApiResult sendPhoto(
                long chatId,
                @Nullable Long threadId,
                Path file,
                String caption,
                boolean html,
                List<List<Button>> buttons,
                @Nullable Integer replyTo) {
            return delegate.sendPhoto(chatId, threadId, file, caption, html, buttons, replyTo);
        }

        @Override
        public ApiResult editMessageCaption(
                long chatId, int messageId, String caption, boolean html, List<List<Button>> buttons) {
            return delegate.editMessageCaption(chatId, messageId, caption, html, buttons);
        }

        @Override
        public ApiResult sendChatAction(long chatId, @Nullable Long threadId, String action) {
            return delegate.sendChatAction(chatId, threadId, action);
        }

        @Override
        public ApiResult answerCallbackQuery(String callbackId, @Nullable String text) {
            return delegate.answerCallbackQuery(callbackId, text);
        }

        @Override
        public ApiResult setMyCommands(List<SyncCommands.BotCommand> commands) {
            return delegate.setMyCommands(commands);
        }

        @Override
        public ApiResult leaveChat(long chatId) {
            return delegate.leaveChat(chatId);
        }

        @Override
        public void downloadFile(String fileId, Path target, long maxBytes) {
            delegate.downloadFile(fileId, target, maxBytes);
        }

        @Override
        public ApiResult sendPhoto(
                long chatId,
                @Nullable Long threadId,
                java.nio.file.Path file,
                @Nullable String caption,
                @Nullable Integer replyTo) {
            return delegate.sendPhoto(chatId, threadId, file, caption, replyTo);
        }

        @Override
        public ApiResult sendDocument(
                long chatId,
                @Nullable Long threadId,
                java.nio.file.Path file,
                @Nullable String caption,
                @Nullable Integer replyTo) {
            return delegate.sendDocument(chatId, threadId, file, caption, replyTo);
        }
    }
}
