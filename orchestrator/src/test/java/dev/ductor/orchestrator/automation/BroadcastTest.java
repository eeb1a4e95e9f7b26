package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * behaviour §6.1, §9.8: a result without a chat reaches Telegram's allowed users and the Matrix rooms, through
 * the bot of the agent it belongs to.
 */
class BroadcastTest {

    @TempDir
    Path dir;

    @Test
    void aResultWithoutAChatGoesToEveryAllowedUserAndToMatrixOnlyWhenMatrixIsConfigured() throws Exception {
        assertThat(Broadcast.resultTargets(config("{\"allowed_user_ids\":[11,22]}"), "main"))
                .containsExactly(new ChatRef("tg", "main", 11, null), new ChatRef("tg", "main", 22, null));

        assertThat(Broadcast.resultTargets(config("""
                        {"allowed_user_ids":[11],
                         "matrix": {"homeserver": "http://hs", "user_id": "@b:hs", "allowed_rooms": ["!r:hs"]}}"""), "main"))
                .containsExactly(
                        new ChatRef("tg", "main", 11, null), new ChatRef("mx", "main", ChatRef.BROADCAST, null));
    }

    @Test
    void aSubAgentsResultWithoutAChatGoesThroughItsOwnBot() throws Exception {
        // behaviour §5.8: a sub-agent's cron result reaches its users through its bot, never the main one
        assertThat(Broadcast.resultTargets(config("{\"allowed_user_ids\":[11]}"), "helper"))
                .containsExactly(new ChatRef("tg", "helper", 11, null));
    }

    @Test
    void aMatrixAgentsResultWithoutAChatGoesToItsMatrixRoomsAndNeverToTelegram() throws Exception {
        // behaviour §5.8, §9.8: a Matrix sub-agent (or a main agent on Matrix only) has no Telegram bot to send with
        DuctorConfig matrixAgent = config("""
                {"transport": "matrix", "transports": ["matrix"], "allowed_user_ids": [11],
                 "matrix": {"homeserver": "http://hs", "user_id": "@h:hs", "allowed_rooms": ["!r:hs"]}}""");
        assertThat(Broadcast.resultTargets(matrixAgent, "helper")).containsExactly(ChatRef.broadcast("mx", "helper"));
        assertThat(Broadcast.allowedUsers(matrixAgent, "helper")).isEmpty();
        // "transport": "matrix" alone leaves the default list ["telegram"]: still Matrix only
        assertThat(Broadcast.allowedUsers(config("{\"transport\": \"matrix\", \"allowed_user_ids\": [11]}"), "main"))
                .isEmpty();
    }

    private DuctorConfig config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigLoader(Map.of()).load(file);
    }
}
