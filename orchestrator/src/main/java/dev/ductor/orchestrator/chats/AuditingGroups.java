package dev.ductor.orchestrator.chats;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.reply.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The group audit of behaviour §3.18: at startup, every 24 h and right after {@code allowed_group_ids} (or
 * {@code allowed_channel_ids}) changed in config.json, the bot leaves every tracked active group or
 * channel no longer allowed ({@code auto_left}).
 */
@Component
class AuditingGroups {

    private static final Logger log = LoggerFactory.getLogger(AuditingGroups.class);

    private final ChatTracker tracker;
    private final ConfigStore config;
    private final Replies replies;

    AuditingGroups(ChatTracker tracker, ConfigStore config, Replies replies) {
        this.tracker = tracker;
        this.config = config;
        this.replies = replies;
        config.onChange(this::audit);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        audit(config.current());
    }

    @Scheduled(fixedDelay = 24, initialDelay = 24, timeUnit = java.util.concurrent.TimeUnit.HOURS)
    void daily() {
        audit(config.current());
    }

    synchronized void audit(DuctorConfig current) {
        for (ChatActivity group : tracker.all()) {
            if (!group.status().equals(ChatTracker.ACTIVE)
                    || Authorizer.chatAllowed(current, group.chatType(), group.chatId())) {
                continue;
            }
            replies.leave(new ChatRef(group.transport(), group.agent(), group.chatId(), null));
            tracker.status(group.chatId(), ChatTracker.AUTO_LEFT, false);
            log.warn(
                    "{} {} is no longer in {}; left",
                    group.chatType(),
                    group.chatId(),
                    ChatType.of(group.chatType()) == ChatType.CHANNEL ? "allowed_channel_ids" : "allowed_group_ids");
        }
    }
}
