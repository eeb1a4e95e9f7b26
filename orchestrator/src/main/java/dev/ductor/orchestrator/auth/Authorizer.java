package dev.ductor.orchestrator.auth;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import org.springframework.stereotype.Component;

/**
 * ductor's dual allowlist (spec §3.2): a private chat needs the user on {@code allowed_user_ids}; a group
 * needs the group on {@code allowed_group_ids} as well (empty means no group: fail-closed). Read from the
 * live configuration, so edits of config.json apply without a restart.
 */
@Component
public class Authorizer {

    private final ConfigStore config;

    Authorizer(ConfigStore config) {
        this.config = config;
    }

    public boolean allows(String chatType, long chatId, long userId) {
        DuctorConfig current = config.current();
        if (!current.allowedUserIds().contains(userId)) {
            return false;
        }
        return switch (chatType) {
            case "private" -> true;
            case "group", "supergroup" -> current.allowedGroupIds().contains(chatId);
            default -> false;
        };
    }
}
