package dev.ductor.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §5.9: each notice target reaches the transport its chat id is on, a Matrix broadcast at most once. */
class NoticeTargetsTest {

    private static final long ROOM = 4_611_686_018_427_387_904L;

    @TempDir
    Path dir;

    private final SessionStore sessions = mock(SessionStore.class);

    private NoticeTargets targets(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new NoticeTargets(
                new ConfigStore(new ConfigLoader(Map.of()), file),
                Gateways.parse(List.of("tg.main", "mx.main")),
                sessions);
    }

    @Test
    void aKnownMatrixRoomGoesToThatRoomOnlyAndTelegramChatsMakeOneMatrixBroadcast() throws Exception {
        when(sessions.knows("mx", ROOM)).thenReturn(true);
        NoticeTargets targets = targets("""
                {"matrix": {"homeserver": "http://hs", "user_id": "@b:hs"},
                 "notifications": {"startup_targets": [{"chat_id": 11}, {"chat_id": %d}, {"chat_id": 22, "topic_id": 5}],
                   "upgrade_targets": [{"chat_id": %d}]}}""".formatted(ROOM, ROOM));

        assertThat(targets.startup())
                .containsExactlyInAnyOrder(
                        new ChatRef("tg", "main", 11, null),
                        new ChatRef("tg", "main", 22, 5L),
                        new ChatRef("mx", "main", ROOM, null),
                        ChatRef.broadcast("mx", "main"));
        // only Matrix rooms named: no Telegram chat, no broadcast
        assertThat(targets.upgrade()).containsExactly(new ChatRef("mx", "main", ROOM, null));
    }

    @Test
    void withoutMatrixTheTargetsThatAreNoMatrixRoomGoToTelegramAlone() throws Exception {
        when(sessions.knows("mx", ROOM)).thenReturn(true);
        NoticeTargets targets = targets("""
                {"notifications": {"startup_targets": [{"chat_id": 11}, {"chat_id": %d}, {"enabled": false, "chat_id": 33}]}}""".formatted(ROOM));

        assertThat(targets.startup()).containsExactly(new ChatRef("tg", "main", 11, null));
    }
}
