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
    void readGivesWhatLoadGivesAndNeverWritesTheFile() throws Exception {
        var env = Map.of("DUCTOR_MODEL", "haiku");
        assertThat(new ConfigLoader(env).read(file()).model()).isEqualTo("haiku");
        assertThat(file()).doesNotExist();

        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"allowed_user_ids\": [42], \"streaming\": {\"min_chars\": 50}}");
        byte[] before = Files.readAllBytes(file());

        DuctorConfig config = new ConfigLoader(env).read(file());

        assertThat(config.allowedUserIds()).containsExactly(42L);
        assertThat(config.streaming().minChars()).isEqualTo(50);
        assertThat(config.streaming().maxChars()).isEqualTo(4000);
        assertThat(config.model()).isEqualTo("haiku");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        assertThat(config).isEqualTo(new ConfigLoader(env).load(file()));
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
    void theMatrixBlockHasDuctorsDefaults() {
        DuctorConfig.Matrix matrix = new ConfigLoader(Map.of()).load(file()).matrix();

        assertThat(matrix.homeserver()).isEmpty();
        assertThat(matrix.userId()).isEmpty();
        assertThat(matrix.password()).isEmpty();
        assertThat(matrix.accessToken()).isEmpty();
        assertThat(matrix.deviceId()).isEmpty();
        assertThat(matrix.allowedRooms()).isEmpty();
        assertThat(matrix.allowedUsers()).isEmpty();
        assertThat(matrix.storePath()).isEqualTo("matrix_store");
    }

    @Test
    void aPartialMatrixBlockKeepsTheUsersValuesAndGetsTheMissingKeys() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"matrix": {"homeserver": "https://matrix.example.org", "allowed_rooms": ["!abc:example.org"]}}
                """);

        DuctorConfig.Matrix matrix = new ConfigLoader(Map.of()).load(file()).matrix();

        assertThat(matrix.homeserver()).isEqualTo("https://matrix.example.org");
        assertThat(matrix.allowedRooms()).containsExactly("!abc:example.org");
        assertThat(matrix.allowedUsers()).isEmpty();
        assertThat(matrix.storePath()).isEqualTo("matrix_store");
        assertThat(Files.readString(file())).contains("\"store_path\"").contains("\"allowed_users\"");
    }

    @Test
    void theNotificationTargetsAreReadAndAnEntryWithoutEnabledIsOn() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"notifications": {"upgrade_targets": [
                  {"chat_id": -100123, "topic_id": 7},
                  {"enabled": false, "chat_id": 42}]}}
                """);

        DuctorConfig.Notifications notifications =
                new ConfigLoader(Map.of()).load(file()).notifications();

        assertThat(notifications.startupTargets()).isEmpty();
        assertThat(notifications.upgradeTargets())
                .containsExactly(
                        new DuctorConfig.NoticeTarget(null, -100123, 7L),
                        new DuctorConfig.NoticeTarget(false, 42, null));
        assertThat(notifications.upgradeTargets())
                .extracting(DuctorConfig.NoticeTarget::on)
                .containsExactly(true, false);
    }

    @Test
    void matrixKeysAreOverriddenByNestedEnvironmentVariables() throws Exception {
        var env = Map.of(
                "DUCTOR_MATRIX__HOMESERVER", "https://hs.example.org",
                "DUCTOR_MATRIX__USER_ID", "@ductor:example.org",
                "DUCTOR_MATRIX__PASSWORD", "s3cret-pass",
                "DUCTOR_MATRIX__ALLOWED_ROOMS", "!one:example.org, !two:example.org",
                "DUCTOR_MATRIX__ALLOWED_USERS", "[\"@alice:example.org\"]");

        DuctorConfig.Matrix matrix = new ConfigLoader(env).load(file()).matrix();

        assertThat(matrix.homeserver()).isEqualTo("https://hs.example.org");
        assertThat(matrix.userId()).isEqualTo("@ductor:example.org");
        assertThat(matrix.password()).isEqualTo("s3cret-pass");
        assertThat(matrix.allowedRooms()).containsExactly("!one:example.org", "!two:example.org");
        assertThat(matrix.allowedUsers()).containsExactly("@alice:example.org");
        assertThat(matrix.storePath()).isEqualTo("matrix_store");
        assertThat(Files.readString(file())).doesNotContain("s3cret-pass").doesNotContain("hs.example.org");
    }

    @Test
    void matrixSecretsNeverAppearInToString() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"matrix": {"user_id": "@ductor:example.org", "password": "pw-123456",
                            "access_token": "syt_token_abcdef"}}
                """);

        DuctorConfig config = new ConfigLoader(Map.of()).load(file());

        assertThat(config.matrix().password()).isEqualTo("pw-123456");
        assertThat(config.matrix().accessToken()).isEqualTo("syt_token_abcdef");
        assertThat(config.matrix().toString())
                .contains("@ductor:example.org")
                .contains("password=***")
                .doesNotContain("pw-123456")
                .doesNotContain("syt_token_abcdef");
        assertThat(config.toString()).doesNotContain("pw-123456").doesNotContain("syt_token_abcdef");
    }

    @Test
    void theTokenAndKeysNeverAppearInToString() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"telegram_token": "123456:secret-bot-token", "gemini_api_key": "AIza-secret-key", "model": "sonnet"}
                """);

        DuctorConfig config = new ConfigLoader(Map.of()).load(file());

        assertThat(config.toString())
                .contains("model=sonnet")
                .contains("telegramToken=***")
                .contains("geminiApiKey=***")
                .doesNotContain("secret-bot-token")
                .doesNotContain("AIza-secret-key");
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

    @Test
    void updateWritesTheChangeKeepsOtherValuesAndIgnoresTheEnvironment() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"model": "sonnet", "my_own_key": 1}
                """);

        DuctorConfig changed = new ConfigLoader(Map.of("DUCTOR_MODEL", "haiku"))
                .update(file(), tree -> tree.put("telegram_token", "123:abc"));

        assertThat(changed.telegramToken()).isEqualTo("123:abc");
        assertThat(changed.model()).isEqualTo("sonnet");
        String written = Files.readString(file());
        assertThat(written)
                .contains("\"my_own_key\" : 1")
                .contains("\"streaming\"")
                .doesNotContain("haiku");
    }

    @Test
    void anUpdateThatBreaksTheConfigIsRefusedAndNothingIsWritten() throws Exception {
        new ConfigLoader(Map.of()).load(file());
        String before = Files.readString(file());

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).update(file(), tree -> tree.put("cli_timeout", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cli_timeout");
        assertThat(Files.readString(file())).isEqualTo(before);
    }
}
