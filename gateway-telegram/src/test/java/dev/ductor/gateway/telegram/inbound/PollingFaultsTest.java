package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.Topology;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.TelegramProperties;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.media.MediaStore;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Issue 10 item 2: per-update work runs off the poll thread, one lane per chat — a slow file holds back
 * only its own chat, and the offset moves only past confirmed updates or those taken over into the spool, so
 * Telegram keeps handing out newer ones — and an update whose work
 * throws anything (an OutOfMemoryError too) is tried twice, then skipped so the offset moves on.
 */
class PollingFaultsTest {

    private static final String TOKEN = "13:faults";
    private static final DuctorConfig CONFIG = TestConfigs.allowing("3,4", "");

    private final FakeTelegram fake = FakeTelegram.start(TOKEN);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TelegramMetrics metrics = new TelegramMetrics(registry);
    private final PengradTelegramPort port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, metrics);
    private final RabbitTemplate template = mock(RabbitTemplate.class);
    private final CountDownLatch slowFile = new CountDownLatch(1);
    private final AtomicInteger downloads = new AtomicInteger();
    private final java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private UpdatePolling polling;

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        slowFile.countDown();
        if (polling != null) {
            polling.stop();
        }
        fake.close();
    }

    /** The real port, except that downloading {@code "slow"} waits for the test and {@code "poison"} throws an Error. */
    private UpdatePolling polling() {
        TelegramPort faulty = (TelegramPort) Proxy.newProxyInstance(
                TelegramPort.class.getClassLoader(), new Class<?>[] {TelegramPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("downloadFile")) {
                        downloads.incrementAndGet();
                        if (args[0].equals("poison")) {
                            throw new OutOfMemoryError("decoding the poison");
                        }
                        if (args[0].equals("slow")) {
                            slowFile.await(30, TimeUnit.SECONDS);
                        }
                    }
                    try {
                        return method.invoke(port, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        when(template.invoke(any())).thenReturn(null);
        polling = new UpdatePolling(
                faulty,
                new Bus(template, new Topology("t"), new BusProperties("t", false, 5, Duration.ofSeconds(1))),
                metrics,
                new TelegramProperties(
                        1,
                        100,
                        Duration.ofMillis(20),
                        Duration.ofMillis(100),
                        DataSize.ofMegabytes(1),
                        1_000_000,
                        true),
                "main",
                new MediaDownloads(faulty, new MediaStore(workspace, "telegram_files", Clock.systemUTC()), 1_000_000),
                () -> CONFIG,
                null,
                (chatId, threadId, replyTo, text) -> notices.add(chatId + ":" + replyTo + ":" + text),
                new UpdateSpool(spoolDir()));
        return polling;
    }

    private void document(long user, String fileId) {
        fake.registerFile(fileId, "docs/" + fileId + ".txt", "abc".getBytes());
        fake.injectUpdate(Map.of(
                "message",
                Map.of(
                        "message_id", 1,
                        "date", 1,
                        "document", Map.of("file_id", fileId, "file_unique_id", "U" + fileId, "file_name", "a.txt"),
                        "from", Map.of("id", user, "is_bot", false, "first_name", "U"),
                        "chat", Map.of("id", user, "type", "private"))));
    }

    private Path spoolDir() {
        return workspace.resolve("state").resolve("updates");
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private void text(long user, int messageId, String text) {
        fake.injectUpdate(Map.of(
                "message",
                Map.of(
                        "message_id",
                        messageId,
                        "date",
                        1,
                        "text",
                        text,
                        "from",
                        Map.of("id", user, "is_bot", false, "first_name", "U"),
                        "chat",
                        Map.of("id", user, "type", "private"))));
    }

    private double published() {
        var counter = registry.find("ductor_telegram_updates")
                .tag("kind", "message")
                .tag("outcome", "published")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSlowFileHoldsBackNeitherOtherChatsNorTheOffset() throws Exception {
        document(3, "slow");
        text(3, 2, "behind the file in its own chat");
        text(9, 1, "a stranger, meanwhile"); // never written anywhere, never waits behind the file
        for (int i = 0; i < 150; i++) { // more than one getUpdates window (100) behind the slow update
            text(4, 10 + i, "another chat " + i);
        }
        polling().start();

        await().atMost(Duration.ofSeconds(30)).until(() -> published() == 150); // chat 4 did not wait
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pendingUpdates() == 0); // the offset moved on
        assertThat(polling.offset()).isEqualTo(154);
        try (var spooled = Files.list(spoolDir())) { // the file and the message behind it, not the stranger's
            assertThat(spooled.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.json", "2.json");
        }

        slowFile.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> published() == 152);
        assertThat(spoolDir()).isEmptyDirectory();
    }

    @Test
    void anUpdateTakenOverBeforeARestartIsCarriedOnAfterIt() {
        document(3, "slow");
        polling().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pendingUpdates() == 0); // Telegram let it go
        polling.stop(); // the download is cut off by the stop
        assertThat(published()).isZero();
        assertThat(spoolDir().resolve("1.json")).exists();

        slowFile.countDown();
        polling().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> published() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(spoolDir().resolve("1.json")));
        assertThat(downloads).hasValue(2);
    }

    @Test
    void anUpdateThatFailsTwiceIsSkippedAndTheOffsetMovesOn() {
        document(3, "poison");
        fake.sendUserMessage(3, 3, "after the poison");
        polling().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> polling.offset() == 3 && published() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> isEmpty(spoolDir())); // both taken over, both done
        assertThat(downloads).hasValue(2);
        assertThat(published()).isEqualTo(1);
        assertThat(registry.get("ductor_telegram_updates")
                        .tag("kind", "failed")
                        .tag("outcome", "skipped")
                        .counter()
                        .count())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pendingUpdates() == 0);
        assertThat(notices).containsExactly("3:1:" + UpdatePolling.SKIPPED); // the sender is told, once
    }
}
