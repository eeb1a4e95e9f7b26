package dev.ductor.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AuthorizerTest {

    private static final String ROOM = "!OGEhHVWSdvArJzumhm:example.org";
    private static final String OTHER_ROOM = "!zzOtherRoom:example.org";
    private static final String ALICE = "@alice:example.org";
    private static final String BOB = "@bob:example.org";

    @TempDir
    Path root;

    private Path file;
    private ConfigStore config;
    private Authorizer authorizer;
    private Instant modified = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        file = root.resolve("config/config.json");
        Files.createDirectories(file.getParent());
        write("{\"allowed_user_ids\":[111],\"allowed_group_ids\":[]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
        authorizer = new Authorizer(config);
    }

    /** Writes config.json with a later modification time each call. */
    private void write(String json) throws Exception {
        Files.writeString(file, json);
        modified = modified.plusSeconds(60);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private void reload(String json) throws Exception {
        write(json);
        assertThat(config.reloadIfChanged()).isTrue();
    }

    private static InboundMessage tg(String chatType, long chatId, long userId) {
        return new InboundMessage(
                new ChatRef("tg", "main", chatId, null),
                chatType,
                userId,
                "user" + userId,
                "1",
                "hi",
                null,
                true,
                Instant.parse("2026-11-24T10:00:00Z"));
    }

    private static ButtonPressed tgPress(String chatType, long chatId, long userId) {
        return new ButtonPressed(new ChatRef("tg", "main", chatId, null), chatType, userId, "cbq", "1", "mq:1");
    }

    private static InboundMessage mx(String chatType, @Nullable String room, @Nullable String user) {
        return new InboundMessage(
                new ChatRef("mx", "main", 4809860701362939511L, null),
                chatType,
                499929173002923219L,
                "someone",
                "$event",
                "hi",
                null,
                true,
                Instant.parse("2026-11-24T10:00:00Z"),
                room,
                user);
    }

    private static ButtonPressed mxPress(String chatType, @Nullable String room, @Nullable String user) {
        return new ButtonPressed(
                new ChatRef("mx", "main", 4809860701362939511L, null),
                chatType,
                499929173002923219L,
                "$reaction",
                "$event",
                "mq:1",
                room,
                user);
    }

    private static String matrixConfig(List<String> rooms, List<String> users, boolean groupMentionOnly) {
        return """
                {"allowed_user_ids":[111],"allowed_group_ids":[],"group_mention_only":%s,
                 "matrix":{"allowed_rooms":%s,"allowed_users":%s}}
                """.formatted(groupMentionOnly, json(rooms), json(users));
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString();
    }

    @Nested
    class Telegram {

        @Test
        void privateChatNeedsAnAllowedUser() {
            assertThat(authorizer.allows(tg("private", 111, 111))).isTrue();
            assertThat(authorizer.allows(tg("private", 999, 999))).isFalse();
        }

        @Test
        void groupsFailClosedWhenNoGroupIsAllowed() {
            assertThat(authorizer.allows(tg("group", -100, 111))).isFalse();
            assertThat(authorizer.allows(tg("supergroup", -100, 111))).isFalse();
        }

        @Test
        void unknownChatTypesAreRejected() {
            assertThat(authorizer.allows(tg("channel", -100, 111))).isFalse();
        }

        @Test
        void groupNeedsBothTheGroupAndTheUser() throws Exception {
            reload("{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-100]}");

            assertThat(authorizer.allows(tg("supergroup", -100, 111))).isTrue();
            assertThat(authorizer.allows(tg("group", -100, 111))).isTrue();
            assertThat(authorizer.allows(tg("supergroup", -100, 999))).isFalse();
            assertThat(authorizer.allows(tg("supergroup", -200, 111))).isFalse();
        }

        @Test
        void editsOfConfigJsonApplyWithoutARestart() throws Exception {
            assertThat(authorizer.allows(tg("private", 222, 222))).isFalse();

            reload("{\"allowed_user_ids\":[222],\"allowed_group_ids\":[]}");

            assertThat(authorizer.allows(tg("private", 222, 222))).isTrue();
            assertThat(authorizer.allows(tg("private", 111, 111))).isFalse();
        }

        @Test
        void buttonPressesFollowTheSameAllowlist() throws Exception {
            reload("{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-100]}");

            assertThat(authorizer.allows(tgPress("private", 111, 111))).isTrue();
            assertThat(authorizer.allows(tgPress("private", 999, 999))).isFalse();
            assertThat(authorizer.allows(tgPress("supergroup", -100, 111))).isTrue();
            assertThat(authorizer.allows(tgPress("supergroup", -200, 111))).isFalse();
            assertThat(authorizer.allows(tgPress("supergroup", -100, 999))).isFalse();
        }

        @Test
        void theMatrixListsDoNotOpenTelegram() throws Exception {
            reload("""
                    {"allowed_user_ids":[],"allowed_group_ids":[],
                     "matrix":{"allowed_rooms":["!OGEhHVWSdvArJzumhm:example.org"],"allowed_users":[]}}
                    """);

            assertThat(authorizer.allows(tg("private", 111, 111))).isFalse();
        }
    }

    @Nested
    class Matrix {

        @Test
        void aListedUserInAListedRoomIsAccepted() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));

            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isTrue();
            assertThat(authorizer.allows(mx("private", ROOM, ALICE))).isTrue();
        }

        @Test
        void bothTheRoomAndTheUserMustBeListedWhenBothListsAreSet() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));

            assertThat(authorizer.allows(mx("group", OTHER_ROOM, ALICE))).isFalse();
            assertThat(authorizer.allows(mx("group", ROOM, BOB))).isFalse();
            assertThat(authorizer.allows(mx("private", ROOM, BOB))).isFalse();
        }

        @Test
        void anEmptyRoomListLeavesTheRoomOpenAndTheUserDecides() throws Exception {
            reload(matrixConfig(List.of(), List.of(ALICE), false));

            assertThat(authorizer.allows(mx("group", OTHER_ROOM, ALICE))).isTrue();
            assertThat(authorizer.allows(mx("group", OTHER_ROOM, BOB))).isFalse();
        }

        @Test
        void anEmptyUserListLeavesTheUserOpenAndTheRoomDecides() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(), false));

            assertThat(authorizer.allows(mx("group", ROOM, BOB))).isTrue();
            assertThat(authorizer.allows(mx("group", OTHER_ROOM, BOB))).isFalse();
        }

        @Test
        void roomsAndUsersAreComparedLiterally() throws Exception {
            reload(matrixConfig(List.of("#lobby:example.org"), List.of(ALICE), false));

            // An alias is not resolved to the room id, and ids are case-sensitive.
            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));
            assertThat(authorizer.allows(mx("group", ROOM.toLowerCase(java.util.Locale.ROOT), ALICE)))
                    .isFalse();
            assertThat(authorizer.allows(mx("group", ROOM, "@Alice:example.org")))
                    .isFalse();
            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isTrue();
        }

        @Test
        void withGroupMentionOnlyAnyMemberOfAnAllowedRoomThatIsNotADmMayTalk() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), true));

            assertThat(authorizer.allows(mx("group", ROOM, BOB))).isTrue();
            assertThat(authorizer.allows(mx("group", OTHER_ROOM, ALICE))).isFalse();
        }

        @Test
        void withGroupMentionOnlyADmStillNeedsTheUser() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), true));

            assertThat(authorizer.allows(mx("private", ROOM, BOB))).isFalse();
            assertThat(authorizer.allows(mx("private", ROOM, ALICE))).isTrue();
        }

        @Test
        void withoutGroupMentionOnlyARoomThatIsNotADmStillNeedsTheUser() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));

            assertThat(authorizer.allows(mx("group", ROOM, BOB))).isFalse();
        }

        @Test
        void withGroupMentionOnlyAndNoRoomListEveryRoomThatIsNotADmIsOpen() throws Exception {
            // ductor's fail-open dimension (behaviour §9.3, §12.2): an empty room list admits every room.
            reload(matrixConfig(List.of(), List.of(ALICE), true));

            assertThat(authorizer.allows(mx("group", OTHER_ROOM, BOB))).isTrue();
            assertThat(authorizer.allows(mx("private", OTHER_ROOM, BOB))).isFalse();
        }

        @Test
        void aMessageWithoutNativeIdsIsRefusedByAListedDimension() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));

            assertThat(authorizer.allows(mx("group", null, ALICE))).isFalse();
            assertThat(authorizer.allows(mx("group", ROOM, null))).isFalse();
        }

        @Test
        void theTelegramListsDoNotOpenMatrix() throws Exception {
            // The message's numeric chat and user ids are on the Telegram lists; only the Matrix lists count.
            reload("""
                    {"allowed_user_ids":[499929173002923219],"allowed_group_ids":[4809860701362939511],
                     "matrix":{"allowed_rooms":["!zzOtherRoom:example.org"],"allowed_users":["@bob:example.org"]}}
                    """);

            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();
            assertThat(authorizer.allows(mx("private", ROOM, ALICE))).isFalse();
        }

        @Test
        void buttonPressesFollowTheSameRules() throws Exception {
            reload(matrixConfig(List.of(ROOM), List.of(ALICE), false));

            assertThat(authorizer.allows(mxPress("group", ROOM, ALICE))).isTrue();
            assertThat(authorizer.allows(mxPress("group", ROOM, BOB))).isFalse();
            assertThat(authorizer.allows(mxPress("group", OTHER_ROOM, ALICE))).isFalse();

            reload(matrixConfig(List.of(ROOM), List.of(ALICE), true));

            assertThat(authorizer.allows(mxPress("group", ROOM, BOB))).isTrue();
            assertThat(authorizer.allows(mxPress("private", ROOM, BOB))).isFalse();
        }

        @Test
        void editsOfTheMatrixListsApplyToTheNextMessage() throws Exception {
            reload(matrixConfig(List.of(OTHER_ROOM), List.of(), false));
            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();

            reload(matrixConfig(List.of(OTHER_ROOM, ROOM), List.of(), false));
            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isTrue();

            reload(matrixConfig(List.of(OTHER_ROOM, ROOM), List.of(BOB), false));
            assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();
            assertThat(authorizer.allows(mxPress("group", ROOM, ALICE))).isFalse();
        }

        @Nested
        class WithBothListsEmpty {

            private final Logger logger = (Logger) LoggerFactory.getLogger(Authorizer.class);
            private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

            @BeforeEach
            void capture() {
                logged.start();
                logger.addAppender(logged);
            }

            @AfterEach
            void release() {
                logger.detachAppender(logged);
            }

            private List<String> warnings() {
                return logged.list.stream()
                        .filter(event -> event.getLevel() == Level.WARN)
                        .map(ILoggingEvent::getFormattedMessage)
                        .toList();
            }

            @Test
            void everyMatrixMessageAndPressIsRefused() throws Exception {
                reload(matrixConfig(List.of(), List.of(), false));

                assertThat(authorizer.allows(mx("private", ROOM, ALICE))).isFalse();
                assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();
                assertThat(authorizer.allows(mxPress("private", ROOM, ALICE))).isFalse();
            }

            @Test
            void evenWithGroupMentionOnly() throws Exception {
                reload(matrixConfig(List.of(), List.of(), true));

                assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isFalse();
            }

            @Test
            void aClearWarningIsLoggedOncePerConfiguration() throws Exception {
                reload(matrixConfig(List.of(), List.of(), false));

                authorizer.allows(mx("group", ROOM, ALICE));
                authorizer.allows(mx("private", OTHER_ROOM, BOB));
                authorizer.allows(mxPress("group", ROOM, ALICE));

                assertThat(warnings()).hasSize(1);
                assertThat(warnings().getFirst())
                        .contains("matrix.allowed_rooms")
                        .contains("matrix.allowed_users")
                        .contains("refused");

                reload(matrixConfig(List.of(), List.of(), true)); // a new configuration, still no list
                authorizer.allows(mx("group", ROOM, ALICE));
                authorizer.allows(mx("group", ROOM, ALICE));

                assertThat(warnings()).hasSize(2);
            }

            @Test
            void noWarningForTelegramMessagesOrOnceAListIsSet() throws Exception {
                reload(matrixConfig(List.of(), List.of(), false));
                authorizer.allows(tg("private", 111, 111));
                assertThat(warnings()).isEmpty();

                reload(matrixConfig(List.of(), List.of(ALICE), false));
                assertThat(authorizer.allows(mx("group", ROOM, ALICE))).isTrue();
                assertThat(warnings()).isEmpty();
            }
        }
    }

    @Test
    void unknownTransportsAreRefusedEvenWithIdsOnEveryList() throws Exception {
        reload("""
                {"allowed_user_ids":[111],"allowed_group_ids":[-100],
                 "matrix":{"allowed_rooms":[],"allowed_users":["@alice:example.org"]}}
                """);
        for (String transport : List.of("api", "slack", "TG", "")) {
            var message = new InboundMessage(
                    new ChatRef(transport, "main", 111, null),
                    "private",
                    111,
                    "alice",
                    "1",
                    "hi",
                    null,
                    true,
                    Instant.parse("2026-11-24T10:00:00Z"),
                    ROOM,
                    ALICE);
            var press = new ButtonPressed(
                    new ChatRef(transport, "main", 111, null), "private", 111, "cbq", "1", "mq:1", ROOM, ALICE);

            assertThat(authorizer.allows(message)).as(transport).isFalse();
            assertThat(authorizer.allows(press)).as(transport).isFalse();
        }
    }

    /** behaviour §10, §12.9: the API's messages pass while config.json's api block is enabled with a token. */
    @Nested
    class Api {

        private InboundMessage api() {
            return new InboundMessage(
                    new ChatRef("api", "main", 111, null),
                    "private",
                    111,
                    "API",
                    "api-1",
                    "hi",
                    null,
                    true,
                    Instant.parse("2026-11-24T10:00:00Z"));
        }

        @Test
        void refusedWithoutAnApiBlock() {
            assertThat(authorizer.allows(api())).isFalse();
        }

        @Test
        void allowedWhileTheApiIsEnabledWithAToken() throws Exception {
            reload("{\"allowed_user_ids\":[111],\"api\":{\"enabled\":true,\"token\":\"t0ken-of-the-api\"}}");
            assertThat(authorizer.allows(api())).isTrue();
        }

        @Test
        void refusedWhenDisabledOrWithoutAToken() throws Exception {
            reload("{\"allowed_user_ids\":[111],\"api\":{\"enabled\":false,\"token\":\"t0ken-of-the-api\"}}");
            assertThat(authorizer.allows(api())).isFalse();
            reload("{\"allowed_user_ids\":[111],\"api\":{\"enabled\":true,\"token\":\"\"}}");
            assertThat(authorizer.allows(api())).isFalse();
        }
    }
}
