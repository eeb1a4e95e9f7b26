package dev.ductor.orchestrator.automation;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import java.util.ArrayList;
import java.util.List;

/** Who hears of what belongs to no chat. */
final class Broadcast {

    private Broadcast() {}

    /**
     * "Every allowed user": the private chat of each {@code allowed_user_ids} entry on Telegram, with the bot of
     * {@code agent} (this context's: behaviour §5.8); none for an agent that is not on Telegram (a Matrix
     * sub-agent, a main agent on Matrix only), whose {@code tg.<agent>} would reach no gateway.
     */
    static List<ChatRef> allowedUsers(DuctorConfig config, String agent) {
        if (!config.onTelegram()) {
            return List.of();
        }
        return config.allowedUserIds().stream()
                .map(id -> new ChatRef("tg", agent, id, null))
                .toList();
    }

    /**
     * Where a result without a chat goes (behaviour §6.1, §9.8): every allowed user on Telegram and, when
     * Matrix is configured, the Matrix gateway's broadcast rooms, which that gateway resolves itself.
     */
    static List<ChatRef> resultTargets(DuctorConfig config, String agent) {
        List<ChatRef> targets = new ArrayList<>(allowedUsers(config, agent));
        if (config.onMatrix()) {
            targets.add(ChatRef.broadcast(Transport.MATRIX.code(), agent));
        }
        return List.copyOf(targets);
    }
}
