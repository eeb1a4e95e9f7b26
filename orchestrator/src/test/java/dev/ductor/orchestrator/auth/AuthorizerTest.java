package dev.ductor.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizerTest {

    @TempDir
    Path root;

    private Path file;
    private ConfigStore config;
    private Authorizer authorizer;

    @BeforeEach
    void setUp() throws Exception {
        file = root.resolve("config/config.json");
        Files.createDirectories(file.getParent());
        write("{\"allowed_user_ids\":[111],\"allowed_group_ids\":[]}", Instant.parse("2026-01-01T00:00:00Z"));
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
        authorizer = new Authorizer(config);
    }

    private void write(String json, Instant modified) throws Exception {
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void privateChatNeedsAnAllowedUser() {
        assertThat(authorizer.allows("private", 111, 111)).isTrue();
        assertThat(authorizer.allows("private", 999, 999)).isFalse();
    }

    @Test
    void groupsFailClosedWhenNoGroupIsAllowed() {
        assertThat(authorizer.allows("group", -100, 111)).isFalse();
        assertThat(authorizer.allows("supergroup", -100, 111)).isFalse();
    }

    @Test
    void unknownChatTypesAreRejected() {
        assertThat(authorizer.allows("channel", -100, 111)).isFalse();
    }

    @Test
    void groupNeedsBothTheGroupAndTheUser() throws Exception {
        write("{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-100]}", Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(config.reloadIfChanged()).isTrue();

        assertThat(authorizer.allows("supergroup", -100, 111)).isTrue();
        assertThat(authorizer.allows("group", -100, 111)).isTrue();
        assertThat(authorizer.allows("supergroup", -100, 999)).isFalse();
        assertThat(authorizer.allows("supergroup", -200, 111)).isFalse();
    }

    @Test
    void editsOfConfigJsonApplyWithoutARestart() throws Exception {
        assertThat(authorizer.allows("private", 222, 222)).isFalse();

        write("{\"allowed_user_ids\":[222],\"allowed_group_ids\":[]}", Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(config.reloadIfChanged()).isTrue();

        assertThat(authorizer.allows("private", 222, 222)).isTrue();
        assertThat(authorizer.allows("private", 111, 111)).isFalse();
    }
}
