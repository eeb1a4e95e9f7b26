package dev.ductor.gateway.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.utility.BotUtils;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ContractFixtures;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.TopicRenamed;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpdateConverterTest {

    private static final DuctorConfig CONFIG = TestConfigs.allowing("123456789,7", "-1001,-5");

    private final UpdateConverter converter =
            new UpdateConverter("main", new BotIdentity(42, "DuctorBot"), () -> CONFIG);

    private Converted convert(String json) {
        return converter.convert(BotUtils.parseUpdate(json));
    }

    @Test
    void privateTextMessageMatchesTheGoldenFixture() {
        long date = Instant.parse("2026-11-24T10:00:00Z").getEpochSecond();
        Converted converted = convert("""
                {"update_id":1,"message":{"message_id":17,"date":%d,"text":"hi",
                 "from":{"id":123456789,"is_bot":false,"first_name":"Alice","username":"alice"},
                 "chat":{"id":123456789,"type":"private","first_name":"Alice"}}}
                """.formatted(date));
        assertThat(converted.kind()).isEqualTo("message");
        assertThat(converted.messageId()).isEqualTo("tg:123456789:17");
        assertThat(ContractFixtures.treeOf(converted.contract()))
                .isEqualTo(ContractFixtures.tree(InboundMessage.class));
    }

    @Test
    void groupMessageInTopicMentioningTheBotIsAddressed() {
        Converted converted = convert("""
                {"update_id":2,"message":{"message_id":5,"date":1,"text":"hey @ductorbot look",
                 "message_thread_id":77,"is_topic_message":true,
                 "entities":[{"type":"mention","offset":4,"length":10}],
                 "from":{"id":7,"is_bot":false,"first_name":"Bob"},
                 "chat":{"id":-1001,"type":"supergroup","title":"T","is_forum":true}}}
                """);
        InboundMessage message = (InboundMessage) converted.contract();
        assertThat(message.chat()).isEqualTo(new ChatRef("tg", "main", -1001, 77L));
        assertThat(message.addressed()).isTrue();
        assertThat(message.text()).isEqualTo("hey look"); // the mention is stripped (behaviour §3.3)
        assertThat(message.userName()).isEqualTo("Bob");
        assertThat(message.chatType()).isEqualTo("supergroup");
    }

    @Test
    void groupAddressingByReplyCommandAndNotOtherwise() {
        InboundMessage reply = (InboundMessage) convert("""
                        {"update_id":3,"message":{"message_id":6,"date":1,"text":"more please",
                         "reply_to_message":{"message_id":4,"date":1,"text":"earlier answer",
                            "from":{"id":42,"is_bot":true,"first_name":"bot"},"chat":{"id":-5,"type":"group"}},
                         "quote":{"text":"answer","position":8},
                         "from":{"id":7,"is_bot":false,"first_name":"Bob"},"chat":{"id":-5,"type":"group"}}}
                        """).contract();
        assertThat(reply.addressed()).isTrue();
        assertThat(reply.quotedText()).isEqualTo("answer");
        assertThat(reply.chat().topicId()).isNull();

        InboundMessage command = (InboundMessage) convert("""
                        {"update_id":4,"message":{"message_id":7,"date":1,"text":"/new@DuctorBot",
                         "entities":[{"type":"bot_command","offset":0,"length":14}],
                         "from":{"id":7,"is_bot":false,"first_name":"Bob"},"chat":{"id":-5,"type":"group"}}}
                        """).contract();
        assertThat(command.addressed()).isTrue();

        Converted other = convert("""
                        {"update_id":5,"message":{"message_id":8,"date":1,"caption":"/new@otherbot",
                         "photo":[{"file_id":"p","file_unique_id":"u","width":1,"height":1}],
                         "caption_entities":[{"type":"bot_command","offset":0,"length":13}],
                         "from":{"id":7,"is_bot":false,"first_name":"Bob"},"chat":{"id":-5,"type":"group"}}}
                        """);
        assertThat(other.kind()).isEqualTo("other_bot_command"); // behaviour §3.3: always dropped in groups
    }

    @Test
    void callbackMembershipAndTopicUpdates() {
        Converted callback = convert("""
                {"update_id":6,"callback_query":{"id":"cb-1","data":"model:opus","chat_instance":"x",
                 "from":{"id":7,"is_bot":false,"first_name":"Bob"},
                 "message":{"message_id":9,"date":1,"text":"pick","chat":{"id":7,"type":"private"}}}}
                """);
        assertThat(callback.messageId()).isEqualTo("tg:cb:cb-1");
        assertThat(callback.contract())
                .isEqualTo(
                        new ButtonPressed(new ChatRef("tg", "main", 7, null), "private", 7, "cb-1", "9", "model:opus"));

        Converted member = convert("""
                {"update_id":7,"my_chat_member":{"date":1,"chat":{"id":-9,"type":"group","title":"Team"},
                 "from":{"id":7,"is_bot":false,"first_name":"Bob"},
                 "old_chat_member":{"status":"left","user":{"id":42,"is_bot":true,"first_name":"bot"}},
                 "new_chat_member":{"status":"member","user":{"id":42,"is_bot":true,"first_name":"bot"}}}}
                """);
        assertThat(member.contract())
                .isEqualTo(
                        new ChatMembershipChanged(new ChatRef("tg", "main", -9, null), "group", "Team", "member", 7));

        Converted topic = convert("""
                {"update_id":8,"message":{"message_id":10,"date":1,"message_thread_id":10,"is_topic_message":true,
                 "forum_topic_created":{"name":"Research","icon_color":1},
                 "from":{"id":7,"is_bot":false,"first_name":"Bob"},"chat":{"id":-1001,"type":"supergroup"}}}
                """);
        assertThat(topic.contract()).isEqualTo(new TopicRenamed(new ChatRef("tg", "main", -1001, 10L), "Research"));
    }

    @Test
    void unsupportedUpdatesHaveNoContract() {
        assertThat(convert("""
                        {"update_id":9,"edited_message":{"message_id":1,"date":1,"text":"x","chat":{"id":1,"type":"private"}}}
                        """).contract()).isNull();
        assertThat(convert("""
                        {"update_id":10,"message":{"message_id":2,"date":1,"sticker":{"file_id":"s","file_unique_id":"u","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false},
                         "from":{"id":7,"is_bot":false,"first_name":"Bob"},"chat":{"id":1,"type":"private"}}}
                        """).contract()).isNull();
    }
}
