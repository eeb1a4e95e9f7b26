package dev.ductor.orchestrator.lifecycle;

import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a notice for everyone goes (behaviour §5.9): the start notices to {@code notifications.startup_targets},
 * the update notice to {@code notifications.upgrade_targets}. An empty list is ductor's default routing: every
 * allowed user's private chat on each Telegram gateway (a private chat's id is the user's id) and, when Matrix
 * is configured, each Matrix gateway's broadcast rooms, which only the gateway knows (§9.8). A list names the
 * chats itself, and a chat id says its transport by the sessions here: an enabled entry that is a known Matrix
 * room (someone allowed talked in it) goes to that room on each Matrix gateway; every other enabled entry goes
 * to its chat (and topic) on each Telegram gateway, and all of them together make one broadcast on each Matrix
 * gateway (ductor's {@code notify} broadcasts a chat id Matrix has no room for: once, not once per id). A list
 * whose entries are all disabled sends nothing.
 */
@Component
public class NoticeTargets {

    private final ConfigStore config;
    private final Gateways gateways;
    private final SessionStore sessions;

    public NoticeTargets(ConfigStore config, Gateways gateways, SessionStore sessions) {
        this.config = config;
        this.gateways = gateways;
        this.sessions = sessions;
    }

    /** The chats of the start notices ({@code notifications.startup_targets}). */
    public List<ChatRef> startup() {
        return routed(config.current().notifications().startupTargets());
    }

    /** The chats of the update notice ({@code notifications.upgrade_targets}). */
    public List<ChatRef> upgrade() {
        return routed(config.current().notifications().upgradeTargets());
    }

    private List<ChatRef> routed(List<DuctorConfig.NoticeTarget> targets) {
        if (targets.isEmpty()) {
            return everyone();
        }
        String matrix = Transport.MATRIX.code();
        boolean onMatrix = config.current().onMatrix();
        List<ChatRef> chats = new ArrayList<>();
        boolean broadcast = false;
        for (DuctorConfig.NoticeTarget target : targets) {
            if (!target.on()) {
                continue;
            }
            if (sessions.knows(matrix, target.chatId())) {
                if (onMatrix) {
                    for (Gateways.Address gateway : gateways.of(matrix)) {
                        chats.add(new ChatRef(gateway.transport(), gateway.agent(), target.chatId(), null));
                    }
                }
                continue;
            }
            for (Gateways.Address gateway : gateways.of(Transport.TELEGRAM.code())) {
                chats.add(new ChatRef(gateway.transport(), gateway.agent(), target.chatId(), target.topicId()));
            }
            broadcast = true;
        }
        if (broadcast && onMatrix) {
            for (Gateways.Address gateway : gateways.of(matrix)) {
                chats.add(ChatRef.broadcast(gateway.transport(), gateway.agent()));
            }
        }
        return chats;
    }

    private List<ChatRef> everyone() {
        List<ChatRef> chats = new ArrayList<>();
        for (Gateways.Address gateway : gateways.of(Transport.TELEGRAM.code())) {
            for (long user : config.current().allowedUserIds()) {
                chats.add(new ChatRef(gateway.transport(), gateway.agent(), user, null));
            }
        }
        if (config.current().onMatrix()) {
            for (Gateways.Address gateway : gateways.of(Transport.MATRIX.code())) {
                chats.add(ChatRef.broadcast(gateway.transport(), gateway.agent()));
            }
        }
        return chats;
    }
}
