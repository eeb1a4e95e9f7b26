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

/** behaviour §6.1, §9.8: a result without a chat reaches Telegram's allowed users and the Matrix rooms. */
class BroadcastTest {

    @TempDir
    Path dir;

    @Test
    void aResultWithoutAChatGoesToEveryAllowedUserAndToMatrixOnlyWhenMatrixIsConfigured() throws Exception {
        assertThat(Broadcast.resultTargets(config("{\"allowed_user_ids\":[11,22]}")))
                .containsExactly(new ChatRef("tg", "main", 11, null), new ChatRef("tg", "main", 22, null));

        assertThat(Broadcast.resultTargets(config("""
                        {"allowed_user_ids":[11],
                         "matrix": {"homeserver": "http://hs", "user_id": "@b:hs", "allowed_rooms": ["!r:hs"]}}""")))
                .containsExactly(
                        new ChatRef("tg", "main", 11, null), new ChatRef("mx", "main", ChatRef.BROADCAST, null));
    }

    private DuctorConfig config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigLoader(Map.of()).load(file);
    }
}
