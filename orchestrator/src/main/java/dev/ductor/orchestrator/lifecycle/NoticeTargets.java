package dev.ductor.orchestrator.lifecycle;

import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a notice for everyone goes (behaviour §5.9, ductor's default routing): every allowed user's private
 * chat on each Telegram gateway (a private chat's id is the user's id) and, when Matrix is configured, each
 * Matrix gateway's broadcast rooms, which only the gateway knows (§9.8).
 */
@Component
public class NoticeTargets {

    private final ConfigStore config;
    private final Gateways gateways;

    public NoticeTargets(ConfigStore config, Gateways gateways) {
        this.config = config;
        this.gateways = gateways;
    }

    public List<ChatRef> everyone() {
        List<ChatRef> chats = new ArrayList<>();
        for (Gateways.Address gateway : gateways.of(Transport.TELEGRAM.code())) {
            for (long user : config.current().allowedUserIds()) {
                chats.add(new ChatRef(gateway.transport(), gateway.agent(), user, null));
            }
        }
        var matrix = config.current().matrix();
        if (matrix != null && matrix.configured()) {
            for (Gateways.Address gateway : gateways.of(Transport.MATRIX.code())) {
                chats.add(ChatRef.broadcast(gateway.transport(), gateway.agent()));
            }
        }
        return chats;
    }
}
