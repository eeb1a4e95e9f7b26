package dev.ductor.gateway.api;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code api} block's token, read from the live config.json, compared in constant time (behaviour
 * §12.9): both sides are hashed first, so neither the content nor the length of the token leaks through
 * the time a refusal takes. An API that is not enabled, or has no token, accepts nothing.
 */
public final class ApiToken {

    private final ConfigStore config;

    public ApiToken(ConfigStore config) {
        this.config = config;
    }

    public boolean matches(@Nullable String presented) {
        DuctorConfig.Api api = config.current().api();
        if (api == null || !api.serving() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(api.token()));
    }

    /** {@code Authorization: Bearer <token>}. */
    public boolean matchesBearer(@Nullable String header) {
        return header != null && header.startsWith("Bearer ") && matches(header.substring("Bearer ".length()));
    }

    /** The chat of a client that names none: {@code api.chat_id}, else the first allowed user, else 1. */
    public long defaultChatId() {
        DuctorConfig current = config.current();
        DuctorConfig.Api api = current.api();
        if (api != null && api.chatId() != null && api.chatId() > 0) {
            return api.chatId();
        }
        return current.allowedUserIds().isEmpty() ? 1 : current.allowedUserIds().getFirst();
    }

    private static byte[] sha256(@Nullable String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
