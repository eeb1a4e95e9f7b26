package dev.ductor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path home;

    private Path file() {
        return home.resolve("config/config.json");
    }

    @Test
    void createsTheFileWithDefaultsWhenMissing() {
        DuctorConfig config = new ConfigLoader(Map.of()).load(file());

        assertThat(file()).exists();
        assertThat(config.model()).isEqualTo("opus");
        assertThat(config.telegramApiUrl()).isEqualTo("https://api.telegram.org");
        assertThat(config.streaming().minChars()).isEqualTo(200);
        assertThat(config.timeouts().normal()).isEqualTo(600);
    }

    @Test
    void fillsMissingKeysWithoutTouchingTheUsersValues() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"model": "sonnet", "allowed_user_ids": [42], "streaming": {"min_chars": 50}, "my_own_key": 1}
                """);

        DuctorConfig config = new ConfigLoader(Map.of()).load(file());

        assertThat(config.model()).isEqualTo("sonnet");
        assertThat(config.allowedUserIds()).containsExactly(42L);
        assertThat(config.streaming().minChars()).isEqualTo(50);
        assertThat(config.streaming().maxChars()).isEqualTo(4000);
        String written = Files.readString(file());
        assertThat(written).contains("\"my_own_key\"").contains("\"max_chars\"").contains("\"sonnet\"");
    }

    @Test
    void environmentOverridesWinButAreNotWrittenToTheFile() throws Exception {
        var env = Map.of(
                "DUCTOR_TELEGRAM_TOKEN", "123:abc",
                "DUCTOR_ALLOWED_USER_IDS", "1, 2",
                "DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS", "0.5",
                "DUCTOR_TELEGRAM_API_URL", "http://127.0.0.1:9999",
                "DUCTOR_CHAT_ID", "not a config key");

        DuctorConfig config = new ConfigLoader(env).load(file());

        assertThat(config.telegramToken()).isEqualTo("123:abc");
        assertThat(config.allowedUserIds()).containsExactly(1L, 2L);
        assertThat(config.streaming().editIntervalSeconds()).isEqualTo(0.5);
        assertThat(config.telegramApiUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(Files.readString(file())).doesNotContain("123:abc");
    }

    @Test
    void brokenJsonNamesTheFileAndThePlace() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\n  \"model\": \"opus\",\n  \"allowed_user_ids\": [1,,]\n}");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid JSON in " + file())
                .hasMessageContaining("line 3");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"streaming\": {\"min_chars\": \"lots\"}}");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("streaming.min_chars");
    }

    @Test
    void hotReloadKeepsTheLastGoodConfigWhenTheFileBreaks() throws Exception {
        var store = new ConfigStore(new ConfigLoader(Map.of()), file());
        Files.writeString(file(), Files.readString(file()).replace("\"opus\"", "\"sonnet\""));
        Files.setLastModifiedTime(
                file(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));

        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(store.current().model()).isEqualTo("sonnet");

        Files.writeString(file(), "{ broken");
        Files.setLastModifiedTime(
                file(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));

        assertThat(store.reloadIfChanged()).isFalse();
        assertThat(store.current().model()).isEqualTo("sonnet");
    }
}
