package dev.ductor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramAllowlistTest {

    @TempDir
    Path dir;

    private DuctorConfig config() {
        return new ConfigLoader(Map.of(
                        "DUCTOR_ALLOWED_USER_IDS", "7",
                        "DUCTOR_ALLOWED_GROUP_IDS", "-5",
                        "DUCTOR_ALLOWED_CHANNEL_IDS", "-100"))
                .load(dir.resolve("config.json"));
    }

    @Test
    void aPrivateChatIsTheAllowedUsersOwn() {
        DuctorConfig config = config();
        assertThat(TelegramAllowlist.allows(config, "private", 7, 7)).isTrue();
        assertThat(TelegramAllowlist.allows(config, "private", 8, 7)).isFalse();
        assertThat(TelegramAllowlist.allows(config, "private", 8, 8)).isFalse();
        assertThat(TelegramAllowlist.listed(config, "private", 8, 7)).isTrue(); // the ids' match is wellFormed's
    }

    @Test
    void aGroupNeedsBothListsAndAnyOtherChatTypeIsRefused() {
        DuctorConfig config = config();
        assertThat(TelegramAllowlist.allows(config, "supergroup", -5, 7)).isTrue();
        assertThat(TelegramAllowlist.allows(config, "group", -6, 7)).isFalse();
        assertThat(TelegramAllowlist.allows(config, "group", -5, 8)).isFalse();
        assertThat(TelegramAllowlist.allows(config, "channel", -100, 7)).isFalse();
        assertThat(TelegramAllowlist.allows(config, "unknown", 7, 7)).isFalse();
        assertThat(TelegramAllowlist.chatAllowed(config, "channel", -100)).isTrue();
        assertThat(TelegramAllowlist.chatAllowed(config, "group", -100)).isFalse();
    }
}
