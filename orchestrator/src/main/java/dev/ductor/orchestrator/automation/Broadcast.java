package dev.ductor.orchestrator.automation;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import java.util.List;

/** "Every allowed user": the private chat of each {@code allowed_user_ids} entry on Telegram. */
final class Broadcast {

    private Broadcast() {}

    static List<ChatRef> allowedUsers(DuctorConfig config) {
        return config.allowedUserIds().stream()
                .map(id -> new ChatRef("tg", "main", id, null))
                .toList();
    }
}
