package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.pengrad.telegrambot.utility.BotUtils;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.media.MediaStore;
import dev.ductor.testkit.telegram.BombPng;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 items 2 and 4: what an allowed user sends is bounded — a file over the size limit is not
 * fetched, an image over the pixel budget is never decoded — and no log line of a failing download holds
 * the bot token.
 */
class BoundedDownloadsTest {

    private static final String TOKEN = "12345:SECRET-token-do-not-log";
    private static final DuctorConfig CONFIG = TestConfigs.allowing("7", "");

    private final FakeTelegram fake = FakeTelegram.start(TOKEN);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @TempDir
    Path workspace;

    BoundedDownloadsTest() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        fake.close();
    }

    private Converted convert(String json) {
        var port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
        var converter = new UpdateConverter(
                "main",
                new BotIdentity(42, "DuctorBot"),
                new MediaDownloads(
                        port, new MediaStore(workspace, "telegram_files", Clock.systemUTC(), 50_000_000), 1_000),
                () -> CONFIG);
        return converter.convert(BotUtils.parseUpdate(json));
    }

    private static String document(String fileId, String name, String mime, long size) {
        return """
                {"update_id":1,"message":{"message_id":3,"date":1,
                 "document":{"file_id":"%s","file_unique_id":"U%s","file_name":"%s","mime_type":"%s","file_size":%d},
                 "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":7,"type":"private"}}}
                """.formatted(fileId, fileId, name, mime, size);
    }

    @Test
    void aFileOverTheLimitIsNotFetched() {
        fake.registerFile("big", "docs/big.bin", new byte[2_000]);

        Converted announced = convert(document("big", "big.bin", "application/octet-stream", 2_000));
        Converted unannounced = convert(document("big", "big.bin", "application/octet-stream", 10));

        assertThat(announced.kind()).isEqualTo("media_download_failed");
        assertThat(unannounced.kind()).isEqualTo("media_download_failed"); // getFile told the truth
        assertThat(fake.requests("getFile")).hasSize(1);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void aFileTelegramRefusesForGoodIsAskedForOnce() {
        // an id Telegram does not know: 400 "invalid file_id" — asking again would get the same answer
        Converted unknown = convert(document("nope", "a.txt", "text/plain", 3));

        assertThat(unknown.kind()).isEqualTo("media_download_failed");
        assertThat(fake.requests("getFile")).hasSize(1);
    }

    @Test
    void aFileOverTheBotApiLimitIsRefusedByTelegramAndNotAskedAgain() {
        // the gateway's own cap set above the Bot API's 20 MB: Telegram's "file is too big" is final
        fake.registerFile("huge", "docs/huge.bin", new byte[FakeTelegram.MAX_DOWNLOAD_BYTES + 1]);
        var port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
        var downloads = new MediaDownloads(
                port, new MediaStore(workspace, "telegram_files", Clock.systemUTC(), 50_000_000), 100L * 1024 * 1024);
        var converter = new UpdateConverter("main", new BotIdentity(42, "DuctorBot"), downloads, () -> CONFIG);

        Converted converted =
                converter.convert(BotUtils.parseUpdate(document("huge", "huge.bin", "application/x", 10)));

        assertThat(converted.kind()).isEqualTo("media_download_failed");
        assertThat(fake.requests("getFile")).hasSize(1);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void aTransientFailureIsRetried() {
        fake.registerFile("f1", "docs/a.txt", "abc".getBytes(StandardCharsets.UTF_8));
        fake.failDownloads(502);

        assertThat(convert(document("f1", "a.txt", "text/plain", 3)).kind()).isEqualTo("media_download_failed");
        assertThat(fake.requests("getFile")).hasSize(3);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderAndLeavesNothing() {
        fake.registerFile("bomb", "docs/bomb.png", BombPng.claiming(30_000, 30_000));

        Converted converted = convert(document("bomb", "bomb.png", "image/png", 60));

        assertThat(converted.kind()).isEqualTo("media_download_failed");
        assertThat(converted.contract()).isNull();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void failingDownloadsNeverLogTheToken() {
        fake.registerFile("f1", "docs/a.txt", "abc".getBytes(StandardCharsets.UTF_8));
        fake.failDownloads(500);
        assertThat(convert(document("f1", "a.txt", "text/plain", 3)).kind()).isEqualTo("media_download_failed");
        fake.failDownloads(404);
        assertThat(convert(document("f1", "a.txt", "text/plain", 3)).kind()).isEqualTo("media_download_failed");
        fake.outage(0);
        assertThat(convert(document("f1", "a.txt", "text/plain", 3)).kind()).isEqualTo("media_download_failed");

        assertThat(logs.list).isNotEmpty();
        String secret = TOKEN.substring(TOKEN.indexOf(':') + 1);
        assertThat(logs.list).allSatisfy(event -> {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(secret);
        });
    }

    private java.util.List<Path> storedFiles() {
        Path root = workspace.resolve("telegram_files");
        if (!Files.exists(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("_index.yaml"))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
