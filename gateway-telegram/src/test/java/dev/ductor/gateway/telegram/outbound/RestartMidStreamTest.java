package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: a gateway restart in the middle of a long stream leaves no half-finished message. The bus
 * redelivers the unacked StreamClose to the new process, which finds the stream's messages in the state
 * files and brings every one of them to the final text, without sending duplicates.
 */
class RestartMidStreamTest {

    private static final String TOKEN = "1:restart";
    private static final ChatRef CHAT = new ChatRef("tg", "main", 77, 5L);

    private final VirtualTime time = new VirtualTime();
    private final FakeTelegram fake =
            FakeTelegram.start(TOKEN).enforceRateLimits(true).clock(time);
    private final PengradTelegramPort port =
            new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));

    @TempDir
    Path state;

    @AfterEach
    void stop() {
        fake.close();
    }

    /** A gateway process's renderer: a fresh one on the same state files is that process restarted. */
    private Renderer renderer(Outbox outbox) {
        return TestRenderers.renderer(
                port, outbox, new SentMessages(state, 100), StreamSettings.defaults(0.2), state, time);
    }

    @Test
    void theRedeliveredCloseFinishesEveryMessageOfTheStream() {
        String answer = StreamScript.answer(10_000);
        Outbox before = TestRenderers.outbox(time);
        Renderer first = renderer(before);
        first.open("r1", CHAT, "9").join();
        String partial = answer.substring(0, 6_000);
        first.append("r1", CHAT, 0, partial);
        time.runUntil(() -> fake.visible(77).size() == 2);
        first.append("r1", CHAT, 0, answer.substring(0, 8_000)); // in flight when the process dies
        before.close();

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = renderer(after);
            time.join(second.close("r1", CHAT, null, answer, List.of(), true));
        } finally {
            after.close();
        }

        List<BotMessage> messages = fake.visible(77);
        assertThat(String.join(
                        "\n\n", messages.stream().map(m -> m.text().strip()).toList()))
                .isEqualTo(answer);
        assertThat(messages).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(messages.getFirst().replyTo()).isEqualTo(9);
        assertThat(messages).allSatisfy(m -> assertThat(m.threadId()).isEqualTo(5L));
        assertThat(fake.rateLimited429Count()).isZero();
    }

    @Test
    void deltasAckedBeforeACrashAreKeptSoTheStreamGoesOnAfterIt() {
        String answer = StreamScript.answer(10_000);
        Outbox before = TestRenderers.outbox(time);
        Renderer first = renderer(before);
        first.open("r2", CHAT, "9").join();
        var shown = first.append("r2", CHAT, 0, answer.substring(0, 6_000));
        time.runUntil(() -> fake.visible(77).size() == 2);
        time.join(shown); // acked: the bus will not bring this text again
        before.close(); // the process dies

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = renderer(after);
            // a redelivered overlap, then the next delta
            second.append("r2", CHAT, 5_000, answer.substring(5_000, 8_000));
            second.append("r2", CHAT, 8_000, answer.substring(8_000));
            // a close without text (a /stop) keeps what was streamed: the answer as rebuilt across the crash
            time.join(second.close("r2", CHAT, null, "", List.of(), false));
        } finally {
            after.close();
        }

        List<BotMessage> messages = fake.visible(77);
        assertThat(String.join(
                        "\n\n", messages.stream().map(m -> m.text().strip()).toList()))
                .isEqualTo(answer.strip());
        assertThat(state.resolve("streams")).isEmptyDirectory(); // the close brought the whole answer
    }

    /** The gateway process dies, here the moment Telegram has taken a message and before its answer is read. */
    private static final class ProcessDied extends Error {}

    /**
     * The one window where the guarantee is "at least once", not "once" (design "No message is ever lost" 5):
     * between Telegram taking a message and the gateway recording its id, a crash cannot be told from one
     * before the send — the Bot API has no idempotency key and a bot cannot read its chat back — so the
     * restarted gateway sends the message again rather than risk losing it.
     */
    @Test
    void aCrashBeforeTheMessageIsRecordedSendsItAgainRatherThanLoseIt() {
        String answer = StreamScript.answer(300);
        TelegramPort dying = (TelegramPort) Proxy.newProxyInstance(
                TelegramPort.class.getClassLoader(), new Class<?>[] {TelegramPort.class}, (proxy, method, args) -> {
                    Object result = method.invoke(port, args);
                    if (method.getName().equals("sendMessage")) {
                        throw new ProcessDied();
                    }
                    return result;
                });
        Outbox before = TestRenderers.outbox(time);
        Renderer first = TestRenderers.renderer(
                dying, before, new SentMessages(state, 100), StreamSettings.defaults(0.2), state, time);
        first.open("r4", CHAT, "9").join();
        assertThatThrownBy(() -> time.join(first.close("r4", CHAT, null, answer, List.of(), true)))
                .isInstanceOf(ProcessDied.class);
        before.close();
        assertThat(fake.visible(77)).hasSize(1); // Telegram has it; the gateway never heard

        Outbox after = TestRenderers.outbox(time);
        try {
            time.join(renderer(after).close("r4", CHAT, null, answer, List.of(), true)); // the close, redelivered
        } finally {
            after.close();
        }
        assertThat(fake.visible(77))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.text().strip()).isEqualTo(answer));
    }

    @Test
    void persistingAStreamCostsBytesInProportionToItsAnswer() {
        long small = bytesToPersist("s10", 10_000);
        long large = bytesToPersist("s100", 100_000);

        // the same 100-character deltas: ten times the answer, about ten times the bytes (rewriting the
        // whole answer on every append cost a hundred times)
        assertThat(large).isBetween(9 * small, 11 * small);
    }

    /** Streams {@code size} characters in deltas of 100 and answers the bytes the stream's text cost on disk. */
    private long bytesToPersist(String streamId, int size) {
        String answer = "y".repeat(size);
        Outbox outbox = TestRenderers.outbox(time);
        SentMessages sent = new SentMessages(state, 100);
        Renderer renderer = TestRenderers.renderer(port, outbox, sent, StreamSettings.defaults(0.2), state, time);
        try {
            renderer.open(streamId, CHAT, "9").join();
            for (int offset = 0; offset < size; offset += 100) {
                renderer.append(streamId, CHAT, offset, answer.substring(offset, offset + 100));
            }
            assertThat(sent.text(streamId)).contains(answer);
            return sent.textBytesWritten();
        } finally {
            outbox.close();
        }
    }

    @Test
    void anAppendTheDiskRefusesStaysUnackedUntilItsTextIsOnDisk() throws IOException {
        String answer = StreamScript.answer(3_000);
        Files.writeString(state.resolve("streams"), "not a directory"); // every write below it fails
        Outbox before = TestRenderers.outbox(time);
        Renderer first = renderer(before);
        first.open("r3", CHAT, "9").join();
        var appended = first.append("r3", CHAT, 0, answer);
        time.runUntil(() -> !fake.visible(77).isEmpty());
        time.advance(Duration.ofSeconds(5));
        assertThat(appended).isNotDone(); // shown, but not on disk: not acked

        Files.delete(state.resolve("streams")); // the disk takes writes again
        time.join(appended);
        before.close(); // the process dies after the ack

        Outbox after = TestRenderers.outbox(time);
        try {
            Renderer second = renderer(after);
            time.join(second.close("r3", CHAT, null, "", List.of(), false)); // a /stop: the streamed text stays
        } finally {
            after.close();
        }
        assertThat(fake.visible(77))
                .singleElement()
                .satisfies(m -> assertThat(m.text().strip()).isEqualTo(answer.strip()));
    }
}
