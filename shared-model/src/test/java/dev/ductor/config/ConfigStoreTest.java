package dev.ductor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path dir;

    private ConfigStore store(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigStore(new ConfigLoader(Map.of()), file);
    }

    private static void rewrite(ConfigStore store, String json, long plusMillis) throws Exception {
        Files.writeString(store.file(), json);
        Files.setLastModifiedTime(store.file(), FileTime.fromMillis(System.currentTimeMillis() + plusMillis));
    }

    @Test
    void namesTheChangedKeysThatOnlyARestartApplies() throws Exception {
        var store = store("{\"telegram_token\":\"1:a\",\"allowed_user_ids\":[1]}");
        var before = store.current();
        rewrite(store, "{\"telegram_token\":\"2:b\",\"allowed_user_ids\":[1,2],\"log_level\":\"DEBUG\"}", 2000);
        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(ConfigStore.restartRequired(before, store.current())).containsExactly("telegram_token", "log_level");
        assertThat(store.current().allowedUserIds()).containsExactly(1L, 2L);
        assertThat(ConfigStore.restartRequired(store.current(), store.current()))
                .isEmpty();
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromTheNewConfiguration() throws Exception {
        var store = store("{\"allowed_user_ids\":[1]}");
        List<String> seen = new ArrayList<>();
        store.onChange(c -> {
            throw new IllegalStateException("broker down");
        });
        store.onChange(c -> seen.add(c.language()));
        rewrite(store, "{\"allowed_user_ids\":[1],\"language\":\"de\"}", 2000);
        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(seen).containsExactly("de");
    }
}
