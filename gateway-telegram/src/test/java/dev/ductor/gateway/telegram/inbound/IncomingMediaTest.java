package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.utility.BotUtils;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.media.MediaStore;
import dev.ductor.model.InboundMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §3.15 and scenario 37: incoming files are stored, indexed, shrunk and announced in the prompt. */
class IncomingMediaTest {

    private static final String TOKEN = "9:media";
    private final FakeTelegram fake = FakeTelegram.start(TOKEN);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        fake.close();
    }

    private UpdateConverter converter(boolean mentionOnly) {
        var port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
        DuctorConfig config = TestConfigs.allowing("7", "-5", mentionOnly);
        var store = new MediaStore(
                workspace, "telegram_files", Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        return new UpdateConverter(
                "main", new BotIdentity(42, "DuctorBot"), new MediaDownloads(port, store, 1_000_000), () -> config);
    }

    @Test
    void aPhotoIsStoredAsWebpShrunkIndexedAndAnnouncedWithItsCaption() throws Exception {
        fake.registerFile("p1", "photos/file_1.jpg", image(4000, 3000, "jpg"));
        InboundMessage message = (InboundMessage)
                converter(false).convert(BotUtils.parseUpdate("""
                        {"update_id":1,"message":{"message_id":5,"date":1,"caption":"what is this?",
                         "photo":[{"file_id":"small","file_unique_id":"s","width":90,"height":45},
                                  {"file_id":"p1","file_unique_id":"AbC","width":4000,"height":3000}],
                         "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":7,"type":"private"}}}
                        """)).contract();

        Path stored = workspace.resolve("telegram_files/2026-03-01/photo_AbC.webp");
        assertThat(message.text()).isEqualTo("""
                        [INCOMING FILE]
                        The user sent you a file via Telegram.
                        Path: telegram_files/2026-03-01/photo_AbC.webp
                        Type: image/webp
                        Original filename: photo_AbC.webp

                        Check tools/media_tools/RULES.md for file handling instructions.

                        User message: what is this?""");
        BufferedImage shrunk = ImageIO.read(stored.toFile());
        assertThat(shrunk.getWidth()).isEqualTo(2000);
        assertThat(shrunk.getHeight()).isEqualTo(1500);
        assertThat(Files.readString(workspace.resolve("telegram_files/_index.yaml")))
                .contains("total_files: 1", "'2026-03-01':", "name: 'photo_AbC.webp'", "type: image/webp");
    }

    @Test
    void sameNamesGetNumberedAndVoiceGetsTheTranscriptionHint() {
        fake.registerFile("d1", "docs/a.txt", "one".getBytes());
        fake.registerFile("d2", "docs/b.txt", "two".getBytes());
        for (String id : new String[] {"d1", "d2"}) {
            converter(false).convert(BotUtils.parseUpdate("""
                    {"update_id":2,"message":{"message_id":6,"date":1,
                     "document":{"file_id":"%s","file_unique_id":"U","file_name":"notes/../report.txt"},
                     "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":7,"type":"private"}}}
                    """.formatted(id)));
        }
        // stored names start with Telegram's unique file id: no user can name a file CLAUDE.md
        assertThat(workspace.resolve("telegram_files/2026-03-01/U_notes_.._report.txt"))
                .hasContent("one");
        assertThat(workspace.resolve("telegram_files/2026-03-01/U_notes_.._report_1.txt"))
                .hasContent("two");

        fake.registerFile("v1", "voice/v.ogg", new byte[] {1});
        InboundMessage voice = (InboundMessage)
                converter(false).convert(BotUtils.parseUpdate("""
                        {"update_id":3,"message":{"message_id":7,"date":1,
                         "voice":{"file_id":"v1","file_unique_id":"V","duration":2},
                         "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":7,"type":"private"}}}
                        """)).contract();
        assertThat(voice.text())
                .contains("Path: telegram_files/2026-03-01/voice_V.ogg", "Type: audio/ogg")
                .contains("This is an audio/voice message. Use tools/media_tools/transcribe_audio.py --file"
                        + " telegram_files/2026-03-01/voice_V.ogg to transcribe it, then respond to the content.");
    }

    @Test
    void unaddressedGroupMediaIsNotDownloadedWhenMentionOnly() {
        fake.registerFile("g1", "photos/g.jpg", new byte[] {1});
        Converted converted = converter(true).convert(BotUtils.parseUpdate("""
                {"update_id":4,"message":{"message_id":8,"date":1,
                 "photo":[{"file_id":"g1","file_unique_id":"G","width":1,"height":1}],
                 "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":-5,"type":"group"}}}
                """));
        assertThat(((InboundMessage) converted.contract()).addressed()).isFalse();
        assertThat(workspace.resolve("telegram_files")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeDownloadedDoesNotReachTheAgent() {
        Converted converted = converter(false).convert(BotUtils.parseUpdate("""
                {"update_id":5,"message":{"message_id":9,"date":1,"caption":"look",
                 "document":{"file_id":"gone","file_unique_id":"X","file_name":"a.pdf"},
                 "from":{"id":7,"is_bot":false,"first_name":"Al"},"chat":{"id":7,"type":"private"}}}
                """));
        assertThat(converted.kind()).isEqualTo("media_download_failed");
        assertThat(converted.contract()).isNull();
    }

    private static byte[] image(int w, int h, String format) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }
}
