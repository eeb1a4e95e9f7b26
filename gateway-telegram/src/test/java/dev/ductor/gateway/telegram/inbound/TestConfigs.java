package dev.ductor.gateway.telegram.inbound;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Configurations for the inbound tests: ductor's defaults with the allowlists given (comma-separated ids). */
final class TestConfigs {

    private TestConfigs() {}

    static DuctorConfig allowing(String userIds, String groupIds) {
        return allowing(userIds, groupIds, false);
    }

    static DuctorConfig allowing(String userIds, String groupIds, boolean groupMentionOnly) {
        Map<String, String> env = new HashMap<>();
        env.put("DUCTOR_ALLOWED_USER_IDS", userIds);
        if (!groupIds.isEmpty()) {
            env.put("DUCTOR_ALLOWED_GROUP_IDS", groupIds);
        }
        env.put("DUCTOR_GROUP_MENTION_ONLY", String.valueOf(groupMentionOnly));
        try {
            return new ConfigLoader(env)
                    .load(Files.createTempDirectory("ductor-config").resolve("config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
