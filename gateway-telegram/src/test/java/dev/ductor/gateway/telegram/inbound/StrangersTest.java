package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.utility.BotUtils;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.media.MediaStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 1: the gateway authorises before any side effect. A stranger's files are never fetched or
 * stored, and nothing of a stranger reaches the bus — except the bare address of a group that is not
 * allowed, for {@code /where}.
 */
class StrangersTest {

    private static final String TOKEN = "11:strangers";
    private static final long ALLOWED = 7;
    private static final long STRANGER = 666;
    private static final DuctorConfig CONFIG = TestConfigs.allowing("7", "-5");

    private final FakeTelegram fake = FakeTelegram.start(TOKEN);

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        fake.close();
    }

    private Converted convert(String json) {
        var port = new PengradTelegramPort(fake.baseUrl(), TOKEN, 1, new TelegramMetrics(new SimpleMeterRegistry()));
        var converter = new UpdateConverter(
                "main",
                new BotIdentity(42, "DuctorBot"),
                new MediaDownloads(port, new MediaStore(workspace, "telegram_files", Clock.systemUTC()), 1_000_000),
                () -> CONFIG);
        return converter.convert(BotUtils.parseUpdate(json));
    }

    private static String document(long userId, long chatId, String chatType, String fileName) {
        return """
                {"update_id":1,"message":{"message_id":3,"date":1,"caption":"read me",
                 "document":{"file_id":"f1","file_unique_id":"U1","file_name":"%s","file_size":3},
                 "from":{"id":%d,"is_bot":false,"first_name":"X"},"chat":{"id":%d,"type":"%s","title":"G"}}}
                """.formatted(fileName, userId, chatId, chatType);
    }

    @Test
    void aStrangersDocumentInPrivateIsNeitherFetchedNorStoredNorPublished() {
        fake.registerFile("f1", "docs/CLAUDE.md", "evil".getBytes());
        Converted converted = convert(document(STRANGER, STRANGER, "private", "CLAUDE.md"));

        assertThat(converted.contract()).isNull();
        assertThat(converted.kind()).isEqualTo("unauthorized");
        assertThat(fake.requests("getFile")).isEmpty();
        assertThat(workspace.resolve("telegram_files")).doesNotExist();
    }

    @Test
    void aStrangersPhotoInAnAllowedGroupIsDropped() {
        fake.registerFile("p1", "photos/p.jpg", new byte[] {1});
        Converted converted = convert("""
                {"update_id":2,"message":{"message_id":4,"date":1,
                 "photo":[{"file_id":"p1","file_unique_id":"P","width":1,"height":1}],
                 "from":{"id":666,"is_bot":false,"first_name":"X"},"chat":{"id":-5,"type":"group","title":"G"}}}
                """);
        assertThat(converted.contract()).isNull();
        assertThat(fake.requests("getFile")).isEmpty();
        assertThat(workspace.resolve("telegram_files")).doesNotExist();
    }

    @Test
    void aGroupThatIsNotAllowedIsReportedByItsAddressOnly() {
        fake.registerFile("f1", "docs/a.txt", "abc".getBytes());
        Converted converted = convert(document(ALLOWED, -99, "supergroup", "a.txt"));

        var message = (InboundMessage) converted.contract();
        assertThat(converted.kind()).isEqualTo("rejected_group");
        assertThat(message.chat()).isEqualTo(new ChatRef("tg", "main", -99, null));
        assertThat(message.chatType()).isEqualTo("supergroup");
        assertThat(message.text()).isEmpty();
        assertThat(message.addressed()).isFalse();
        assertThat(fake.requests("getFile")).isEmpty();
        assertThat(workspace.resolve("telegram_files")).doesNotExist();
    }

    @Test
    void aPrivateChatMustBeTheUsersOwnAndAnUnknownChatTypeIsRefused() {
        fake.registerFile("f1", "docs/a.txt", "abc".getBytes());
        assertThat(convert(document(ALLOWED, 12345, "private", "a.txt")).contract())
                .isNull();
        assertThat(convert(document(ALLOWED, ALLOWED, "secret_chat", "a.txt")).contract())
                .isNull();
        assertThat(convert("""
                        {"update_id":5,"message":{"message_id":5,"date":1,"text":"hi",
                         "from":{"id":7,"is_bot":false,"first_name":"X"},"chat":{"id":7}}}
                        """).contract()).isNull();
        assertThat(fake.requests("getFile")).isEmpty();
    }

    @Test
    void aStrangersButtonPressIsNotPublished() {
        Converted converted = convert("""
                {"update_id":6,"callback_query":{"id":"cb-1","data":"Yes","chat_instance":"x",
                 "from":{"id":666,"is_bot":false,"first_name":"X"},
                 "message":{"message_id":9,"date":1,"text":"Deploy?","chat":{"id":-5,"type":"group","title":"G"}}}}
                """);
        assertThat(converted.contract()).isNull();
        assertThat(converted.kind()).isEqualTo("unauthorized");
    }

    @Test
    void aTopicNameFromAGroupThatIsNotAllowedIsNotPublished() {
        Converted converted = convert("""
                {"update_id":7,"message":{"message_id":10,"date":1,"message_thread_id":10,"is_topic_message":true,
                 "forum_topic_created":{"name":"<file:/home/u/.ductor/config/config.json>","icon_color":1},
                 "from":{"id":7,"is_bot":false,"first_name":"X"},"chat":{"id":-99,"type":"supergroup","title":"G"}}}
                """);
        assertThat(converted.contract()).isNull();
    }
}
