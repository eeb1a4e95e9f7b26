package dev.ductor.orchestrator.chats;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.session.SessionStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * This agent's chats for what its CLI's tools send (behaviour §5.7, §5.8): its default chat, where a message
 * between agents that names no chat of its own is run and told, and whether a chat a tool's environment named
 * is one it may talk in (the inter-agent answers and the background tasks check it the same way).
 *
 * <p>The default chat is ductor's: on Telegram the first allowed user's private chat; on Matrix (a Matrix
 * sub-agent, or a main agent without Telegram) the room an allowed sender talked in last, a real chat id from
 * {@code sessions.json} so a follow-up {@code @ia-<sender> …} in that room finds the same named session; before
 * any, the Matrix gateway's broadcast address ({@link ChatRef#BROADCAST}: {@code matrix.allowed_rooms}, else
 * its last active room, which only the gateway knows: §9.8), a place to tell something, never a conversation.
 */
@Component
public class AgentChats {

    private final ConfigStore config;
    private final SessionStore sessions;
    private final Bus bus;

    public AgentChats(ConfigStore config, SessionStore sessions, Bus bus) {
        this.config = config;
        this.sessions = sessions;
        this.bus = bus;
    }

    /**
     * The default chat; empty when this agent has neither an allowed Telegram user nor Matrix; the broadcast
     * address on Matrix before an allowed sender talked to it.
     */
    public Optional<ChatRef> defaultChat() {
        DuctorConfig current = config.current();
        String me = bus.topology().agent();
        if (current.onTelegram() && !current.allowedUserIds().isEmpty()) {
            return Optional.of(new ChatRef(
                    Transport.TELEGRAM.code(), me, current.allowedUserIds().getFirst(), null));
        }
        if (current.onMatrix()) {
            String mx = Transport.MATRIX.code();
            return sessions.lastActiveChat(mx, me).or(() -> Optional.of(ChatRef.broadcast(mx, me)));
        }
        return Optional.empty();
    }

    /**
     * Whether this agent may talk in {@code chat}, a chat its CLI's environment named: a Telegram chat of an
     * allowed user or group; a Matrix room an allowed sender talked to this agent in (the environment's number
     * alone proves nothing; a room taken out of {@code allowed_rooms} keeps its session, so it still counts); a
     * WebSocket API chat likewise, while the API serves. Never the broadcast address.
     */
    public boolean mayTalkIn(ChatRef chat) {
        DuctorConfig current = config.current();
        return switch (Transport.of(chat.transport())) {
            case TELEGRAM -> current.onTelegram() && Authorizer.telegramChatAllowed(current, chat.chatId());
            case MATRIX -> current.onMatrix() && sessions.knows(chat.transport(), chat.chatId());
            case API ->
                current.api() != null && current.api().serving() && sessions.knows(chat.transport(), chat.chatId());
            case UNKNOWN -> false;
        };
    }
}
