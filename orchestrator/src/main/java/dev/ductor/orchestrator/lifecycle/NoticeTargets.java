package dev.ductor.orchestrator.lifecycle;

import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a notice for everyone goes (behaviour §5.9): the start notices to {@code notifications.startup_targets},
 * the update notice to {@code notifications.upgrade_targets}. An empty list is ductor's default routing: every
 * allowed user's private chat on each Telegram gateway (a private chat's id is the user's id) and, when Matrix
 * is configured, each Matrix gateway's broadcast rooms, which only the gateway knows (§9.8). A list names the
 * chats itself: each enabled entry goes to its chat (and topic) on each Telegram gateway and, when Matrix is
 * configured, to its chat on each Matrix gateway (no topics there; a chat id the gateway has no room for is
 * broadcast, as ductor's {@code notify}); a list whose entries are all disabled sends nothing.
 */
@Component
public class NoticeTargets {

    private final ConfigStore config;
    private final Gateways gateways;

    public NoticeTargets(ConfigStore config, Gateways gateways) {
        this.config = config;
        this.gateways = gateways;
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
        List<ChatRef> chats = new ArrayList<>();
        for (DuctorConfig.NoticeTarget target : targets) {
            if (!target.on()) {
                continue;
            }
            for (Gateways.Address gateway : gateways.of(Transport.TELEGRAM.code())) {
                chats.add(new ChatRef(gateway.transport(), gateway.agent(), target.chatId(), target.topicId()));
            }
            if (matrixConfigured()) {
                for (Gateways.Address gateway : gateways.of(Transport.MATRIX.code())) {
                    chats.add(new ChatRef(gateway.transport(), gateway.agent(), target.chatId(), null));
                }
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
        if (matrixConfigured()) {
            for (Gateways.Address gateway : gateways.of(Transport.MATRIX.code())) {
                chats.add(ChatRef.broadcast(gateway.transport(), gateway.agent()));
            }
        }
        return chats;
    }

    private boolean matrixConfigured() {
        var matrix = config.current().matrix();
        return matrix != null && matrix.configured();
    }
}
