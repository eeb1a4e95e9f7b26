package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transport's own ids on {@link InboundMessage} and {@link ButtonPressed}: Matrix fills them, Telegram
 * leaves them null, producers that predate them are still read.
 */
class NativeIdsContractTest {

    private static final String ROOM = "!OGEhHVWSdvArJzumhm:example.org";
    private static final String USER = "@alice:example.org";

    @Test
    void aMatrixMessageRoundTripsItsGoldenFixtureWithTheRoomAndUserIds() {
        InboundMessage message = ContractFixtures.read(InboundMessage.class, "mx");

        assertThat(message.chat().transport()).isEqualTo("mx");
        assertThat(message.nativeChatId()).isEqualTo(ROOM);
        assertThat(message.nativeUserId()).isEqualTo(USER);
        assertThat(ContractFixtures.treeOf(message)).isEqualTo(ContractFixtures.tree(InboundMessage.class, "mx"));
    }

    @Test
    void aMatrixButtonPressRoundTripsItsGoldenFixtureWithTheRoomAndUserIds() {
        ButtonPressed press = ContractFixtures.read(ButtonPressed.class, "mx");

        assertThat(press.nativeChatId()).isEqualTo(ROOM);
        assertThat(press.nativeUserId()).isEqualTo(USER);
        assertThat(ContractFixtures.treeOf(press)).isEqualTo(ContractFixtures.tree(ButtonPressed.class, "mx"));
    }

    @Test
    void theMatrixFixturesTolerateFieldsTheyDoNotKnow() {
        for (Class<? extends Contract> type : java.util.List.of(InboundMessage.class, ButtonPressed.class)) {
            ObjectNode newer = (ObjectNode) ContractFixtures.tree(type, "mx");
            newer.put("fieldFromSchemaTwo", "ignored");

            Contract decoded = ContractJson.mapper().treeToValue(newer, type);

            assertThat(ContractFixtures.treeOf(decoded)).isEqualTo(ContractFixtures.tree(type, "mx"));
        }
    }

    @Test
    void aMessageWithoutTheNativeIdsIsReadWithNullsAndEveryOtherFieldIntact() {
        ObjectNode older = (ObjectNode) ContractFixtures.tree(InboundMessage.class, "mx");
        older.remove("nativeChatId");
        older.remove("nativeUserId");

        InboundMessage decoded = ContractJson.mapper().treeToValue(older, InboundMessage.class);

        InboundMessage full = ContractFixtures.read(InboundMessage.class, "mx");
        assertThat(decoded.nativeChatId()).isNull();
        assertThat(decoded.nativeUserId()).isNull();
        assertThat(decoded)
                .isEqualTo(new InboundMessage(
                        full.chat(),
                        full.chatType(),
                        full.userId(),
                        full.userName(),
                        full.transportMessageId(),
                        full.text(),
                        full.quotedText(),
                        full.addressed(),
                        full.sentAt()));
    }

    @Test
    void aButtonPressWithoutTheNativeIdsIsReadWithNulls() {
        ObjectNode older = (ObjectNode) ContractFixtures.tree(ButtonPressed.class, "mx");
        older.remove("nativeChatId");
        older.remove("nativeUserId");

        ButtonPressed decoded = ContractJson.mapper().treeToValue(older, ButtonPressed.class);

        assertThat(decoded.nativeChatId()).isNull();
        assertThat(decoded.nativeUserId()).isNull();
        assertThat(decoded.data()).isEqualTo("mq:3");
    }

    @Test
    void theTelegramConstructorsLeaveTheNativeIdsNullAndMatchTheTelegramFixtures() {
        var chat = new ChatRef("tg", "main", 123456789, null);
        var message = new InboundMessage(
                chat, "private", 123456789, "Alice", "17", "hi", null, true, Instant.parse("2026-11-24T10:00:00Z"));
        var press = new ButtonPressed(chat, "private", 123456789, "cbq-1", "18", "mq:3");

        assertThat(message.nativeChatId()).isNull();
        assertThat(message.nativeUserId()).isNull();
        assertThat(press.nativeChatId()).isNull();
        assertThat(press.nativeUserId()).isNull();
        assertThat(ContractFixtures.treeOf(message)).isEqualTo(ContractFixtures.tree(InboundMessage.class));
        assertThat(ContractFixtures.treeOf(press)).isEqualTo(ContractFixtures.tree(ButtonPressed.class));
    }
}
