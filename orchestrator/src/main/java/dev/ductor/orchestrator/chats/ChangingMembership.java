package dev.ductor.orchestrator.chats;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bot was added to or removed from a group (behaviour §3.18). Added to a group not in
 * {@code allowed_group_ids}: it says so in the group, leaves, and records {@code auto_left}.
 */
@Component
public class ChangingMembership {

    private static final Set<String> MEMBER = Set.of("member", "administrator", "creator", "restricted");

    private static final Logger log = LoggerFactory.getLogger(ChangingMembership.class);

    private final ChatTracker tracker;
    private final ConfigStore config;
    private final Replies replies;
    private final Texts texts;
    private final PostingJoinNotification joinNotification;

    ChangingMembership(
            ChatTracker tracker,
            ConfigStore config,
            Replies replies,
            Texts texts,
            PostingJoinNotification joinNotification) {
        this.joinNotification = joinNotification;
        this.texts = texts;
        this.tracker = tracker;
        this.config = config;
        this.replies = replies;
    }

    public void changed(ChatMembershipChanged change) {
        ChatRef chat = new ChatRef(
                change.chat().transport(), change.chat().agent(), change.chat().chatId(), null);
        if (!MEMBER.contains(change.status())) {
            String status = change.status().equals("kicked") ? "kicked" : ChatTracker.LEFT;
            tracker.record(chat, change.chatType(), change.title(), status, allowed(change.chatType(), chat.chatId()));
            log.info("Bot removed from {} {} ({})", change.chatType(), chat.chatId(), status);
            return;
        }
        if (ChatType.of(change.chatType()) == ChatType.PRIVATE) {
            return;
        }
        boolean channel = ChatType.of(change.chatType()) == ChatType.CHANNEL;
        if (allowed(change.chatType(), chat.chatId())) {
            tracker.record(chat, change.chatType(), change.title(), ChatTracker.ACTIVE, true);
            log.info("Bot added to allowed {} {} \"{}\"", change.chatType(), chat.chatId(), change.title());
            joinNotification.post(chat);
            return;
        }
        replies.text(chat, texts.t(channel ? "telegram.channel_not_whitelisted" : "telegram.group_rejected"), null);
        replies.leave(chat);
        tracker.record(chat, change.chatType(), change.title(), ChatTracker.AUTO_LEFT, false);
        log.warn(
                "Bot added to {} {} \"{}\" by user {}, which is not in {}; left",
                change.chatType(),
                chat.chatId(),
                change.title(),
                change.byUserId(),
                channel ? "allowed_channel_ids" : "allowed_group_ids");
    }

    private boolean allowed(String chatType, long chatId) {
        return Authorizer.chatAllowed(config.current(), chatType, chatId);
    }
}
