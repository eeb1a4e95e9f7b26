package dev.ductor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §7.1: which transports an agent is on, {@code transport} and {@code transports} normalised. */
class DuctorConfigTest {

    @TempDir
    Path dir;

    @Test
    void theTransportIsThePrimaryAndTheListCountsOnlyWhenItNamesThePrimary() throws Exception {
        DuctorConfig defaults = config("{}");
        assertThat(defaults.activeTransports()).containsExactly("telegram");
        assertThat(defaults.onTelegram()).isTrue();

        // the list does not name the primary: the primary alone (not Telegram and API beside Matrix)
        DuctorConfig matrixOnly = config("{\"transport\": \"matrix\", \"transports\": [\"telegram\", \"api\"]}");
        assertThat(matrixOnly.activeTransports()).containsExactly("matrix");
        assertThat(matrixOnly.onTelegram()).isFalse();

        // the list names the primary: the primary first, then the others once each
        DuctorConfig both =
                config("{\"transport\": \"matrix\", \"transports\": [\"telegram\", \"matrix\", \"telegram\"]}");
        assertThat(both.activeTransports()).containsExactly("matrix", "telegram");
        assertThat(both.onTelegram()).isTrue();

        // an empty list is the primary alone, as ductor's default []
        DuctorConfig emptyList = config("{\"transport\": \"telegram\", \"transports\": []}");
        assertThat(emptyList.activeTransports()).containsExactly("telegram");
        assertThat(emptyList.onTelegram()).isTrue();
    }

    @Test
    void matrixIsOnWhenTheMatrixBlockNamesAHomeserver() throws Exception {
        assertThat(config("{}").onMatrix()).isFalse();
        assertThat(config("{\"transport\": \"matrix\", \"transports\": [\"matrix\"]}")
                        .onMatrix())
                .isFalse();
        assertThat(config("{\"matrix\": {\"homeserver\": \"http://hs\", \"user_id\": \"@b:hs\"}}")
                        .onMatrix())
                .isTrue();
    }

    private DuctorConfig config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigLoader(Map.of()).read(file);
    }
}
