package dev.ductor.orchestrator.interagent;

import dev.ductor.model.ChatRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * ductor's deterministic name of the recipient's session for a sender (behaviour §5.8): {@code ia-<sender>}
 * when the ask names no chat; else {@code ia.<slug(sender)[:12]>.t<topic|0>} (at most 30 characters) and
 * {@code .x<8 hex of sha256(sender \0 chat \0 topic)>}, so each chat and topic of the sender has a session of
 * its own.
 */
final class InterAgentSessionNames {

    private InterAgentSessionNames() {}

    static String of(String sender, @Nullable ChatRef source) {
        if (source == null || source.chatId() == 0) {
            return "ia-" + sender;
        }
        String topic = source.topicId() == null ? "0" : source.topicId().toString();
        String slug = sender.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String prefix = "ia." + slug.substring(0, Math.min(12, slug.length())) + ".t" + topic;
        if (prefix.length() > 30) {
            prefix = prefix.substring(0, 30);
        }
        return prefix + ".x" + hash(sender + "\0" + source.chatId() + "\0" + topic);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
