package dev.ductor.orchestrator.chats;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ductor's {@code JOIN_NOTIFICATION.md} (behaviour §2.2, §3.18): when the file in the ductor home is there and
 * not blank, its text is posted and pinned silently when the bot joins an allowed group, and after the
 * welcome of {@code /start}.
 */
@Component
public class PostingJoinNotification {

    private static final Logger log = LoggerFactory.getLogger(PostingJoinNotification.class);

    private final Path file;
    private final Replies replies;

    PostingJoinNotification(DuctorHome home, Replies replies) {
        this.file = home.root().resolve("JOIN_NOTIFICATION.md");
        this.replies = replies;
    }

    /** Posts and pins the notification in {@code chat}; true if there was one. */
    public boolean post(ChatRef chat) {
        String text;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", file, e.toString());
            return false;
        }
        if (text.isEmpty()) {
            return false;
        }
        String ref = "join-notification:" + chat.chatId() + ":" + UUID.randomUUID();
        replies.named(chat, ref, ref, text, null, List.of());
        replies.pin(chat, ref);
        return true;
    }
}
