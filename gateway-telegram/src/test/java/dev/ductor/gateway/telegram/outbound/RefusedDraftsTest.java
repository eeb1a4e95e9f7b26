package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import dev.ductor.testkit.telegram.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour §3.11 "Drafts": when Telegram refuses a draft, the chat sees exactly what edit mode would have
 * shown — the same Bot API calls at the same moments, apart from the one refused draft.
 */
class RefusedDraftsTest {

    private static final String TOKEN = "1:refused";
    private static final ChatRef PRIVATE = new ChatRef("tg", "main", 42, 7L);
    private static final Set<String> SENDS = Set.of("sendMessage", "sendMessageDraft");

    @TempDir
    Path workspace;

    /** One gateway's outbound side against its own fake Telegram, on its own virtual time. */
    private final class Gateway implements AutoCloseable {
        final VirtualTime time = new VirtualTime();
        final FakeTelegram fake =
                FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
        final Outbox outbox = TestRenderers.outbox(time);
        final Renderer renderer;
        /** Runs while the stream's first Bot API call is on its way (then once only). */
        @Nullable
        Runnable duringFirstCall;

        Gateway(String name, boolean drafts) {
            TelegramPort port =
                    new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
            TelegramPort hooked = (TelegramPort) Proxy.newProxyInstance(
                    TelegramPort.class.getClassLoader(), new Class<?>[] {TelegramPort.class}, (proxy, method, args) -> {
                        Runnable hook = duringFirstCall;
                        if (hook != null && SENDS.contains(method.getName())) {
                            duringFirstCall = null;
                            hook.run();
                        }
                        try {
                            return method.invoke(port, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            renderer = TestRenderers.renderer(
                    hooked,
                    outbox,
                    new SentMessages(workspace.resolve(name), 100),
                    StreamSettings.defaults(2.0),
                    workspace,
                    new SimpleMeterRegistry(),
                    new AnsweredButtons(hooked, outbox),
                    time,
                    time,
                    new Drafts(drafts));
        }

        /**
         * A stream with a short status that text overtakes while its first call is on the way, more text, a
         * tool, enough text to seal a message, and the close with a keyboard.
         */
        void streams(String answer) {
            duringFirstCall = () -> renderer.append("s", PRIVATE, 0, answer.substring(0, 300));
            renderer.open("s", PRIVATE, "3").join();
            renderer.status("s", PRIVATE, 1, StatusLine.render("system", "thinking"));
            time.advance(Duration.ofMillis(500));
            renderer.append("s", PRIVATE, 300, answer.substring(300, 1_500));
            time.advance(Duration.ofSeconds(3));
            renderer.status("s", PRIVATE, 2, StatusLine.render("tool", "Bash"));
            time.advance(Duration.ofSeconds(3));
            renderer.append("s", PRIVATE, 1_500, answer.substring(1_500));
            time.advance(Duration.ofSeconds(5));
            time.join(renderer.close("s", PRIVATE, null, answer + "\n\n[button:Yes] [button:No]", List.of(), true));
        }

        /** The calls Telegram got, each with its moment and parameters, but for drafts. */
        List<String> calls() {
            return fake.requests().stream()
                    .filter(r -> !r.method().equalsIgnoreCase("sendMessageDraft"))
                    .map(RefusedDraftsTest::call)
                    .toList();
        }

        List<BotMessage> chat() {
            return fake.chat(42);
        }

        @Override
        public void close() {
            outbox.close();
            fake.close();
        }
    }

    private static String call(RecordedRequest r) {
        return r.at() + " " + r.method() + " " + r.status() + " " + r.params();
    }

    @Test
    void aStreamWhoseFirstDraftIsRefusedShowsWhatEditModeShows() {
        String answer = StreamScript.answer(6_000);
        try (Gateway edits = new Gateway("edits", false);
                Gateway refused = new Gateway("refused", true)) {
            edits.streams(answer);
            refused.streams(answer); // the fake does not offer drafts: 404 Not Found

            assertThat(refused.fake.requests("sendMessageDraft")).hasSize(1);
            assertThat(edits.fake.requests("sendMessage").getFirst().param("text"))
                    .as("edit mode shows the status the text overtook")
                    .contains("[THINKING]");
            assertThat(edits.fake.requests("editMessageText")).hasSizeGreaterThan(2);
            assertThat(refused.calls()).isEqualTo(edits.calls());
            assertThat(refused.chat()).isEqualTo(edits.chat());
            assertThat(edits.chat())
                    .hasSize(2)
                    .last()
                    .satisfies(m -> assertThat(m.buttons()).isNotEmpty());
        }
    }

    @Test
    void streamsThatBeganBeforeTheRefusalDoNotAskAgain() {
        String answer = StreamScript.answer(600);
        try (Gateway gateway = new Gateway("two", true)) {
            ChatRef other = new ChatRef("tg", "main", 43, null);
            Renderer renderer = gateway.renderer;
            renderer.open("a", PRIVATE, "3").join();
            renderer.open("b", other, "4").join();
            renderer.append("a", PRIVATE, 0, answer); // both streams are drafting before Telegram answers
            renderer.append("b", other, 0, answer);
            gateway.time.advance(Duration.ofSeconds(1));
            gateway.time.join(renderer.close("a", PRIVATE, null, answer, List.of(), true));
            gateway.time.join(renderer.close("b", other, null, answer, List.of(), true));

            assertThat(gateway.fake.requests("sendMessageDraft"))
                    .as("the bot learns from one refusal")
                    .hasSize(1);
            assertThat(gateway.fake.visible(42))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text().strip()).isEqualTo(answer));
            assertThat(gateway.fake.visible(43))
                    .singleElement()
                    .satisfies(m -> assertThat(m.text().strip()).isEqualTo(answer));
        }
    }
}
