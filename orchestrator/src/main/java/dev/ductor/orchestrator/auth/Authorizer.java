package dev.ductor.orchestrator.auth;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.MatrixAllowlist;
import dev.ductor.config.TelegramAllowlist;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may talk to the bot, for every transport, read from the live configuration so edits of config.json
 * apply to the next message without a restart.
 *
 * <ul>
 *   <li>Telegram ({@code tg}): shared-model's {@link TelegramAllowlist#listed}, the rule the gateway applies
 *       first (a private chat needs the user on {@code allowed_user_ids}; a group needs the group on
 *       {@code allowed_group_ids} as well; any other chat type is refused). That a private chat's id is its
 *       user's is checked by the gateway on Telegram's update.
 *   <li>Matrix ({@code mx}, behaviour §9.3, §12.2), on the message's native ids: shared-model's
 *       {@link MatrixAllowlist#allows}, the rule the Matrix gateway applies first. With both lists empty
 *       every Matrix message is refused (ductor would not start; here it fails closed) and a warning is
 *       logged once per loaded configuration.
 *   <li>The WebSocket API ({@code api}, behaviour §10, §12.9): the gateway let the client in by the
 *       {@code api} block's token, which only it sees; here a message is allowed while that block is
 *       enabled with a token ({@link DuctorConfig.Api#serving}), so turning the API off in config.json
 *       refuses what was already on the bus.
 *   <li>Any other transport: refused.
 * </ul>
 */
@Component
public class Authorizer {

    private static final Logger log = LoggerFactory.getLogger(Authorizer.class);

    private final ConfigStore config;
    /** The configuration the "no Matrix allowlist" warning was last logged for. */
    private final AtomicReference<@Nullable DuctorConfig> warnedNoMatrixAllowlist = new AtomicReference<>();

    Authorizer(ConfigStore config) {
        this.config = config;
    }

    public boolean allows(InboundMessage message) {
        return allows(
                message.chat(), message.chatType(), message.userId(), message.nativeChatId(), message.nativeUserId());
    }

    public boolean allows(ButtonPressed press) {
        return allows(press.chat(), press.chatType(), press.userId(), press.nativeChatId(), press.nativeUserId());
    }

    private boolean allows(
            ChatRef chat, String chatType, long userId, @Nullable String nativeChatId, @Nullable String nativeUserId) {
        DuctorConfig current = config.current();
        return switch (Transport.of(chat.transport())) {
            case TELEGRAM -> telegram(current, chatType, chat.chatId(), userId);
            case MATRIX -> matrix(current, chatType, nativeChatId, nativeUserId);
            case API -> current.api() != null && current.api().serving();
            case UNKNOWN -> false;
        };
    }

    private static boolean telegram(DuctorConfig current, String chatType, long chatId, long userId) {
        return TelegramAllowlist.listed(current, chatType, chatId, userId);
    }

    /** Whether the bot may be in a Telegram group or channel: {@link TelegramAllowlist#chatAllowed}. */
    public static boolean chatAllowed(DuctorConfig current, String chatType, long chatId) {
        return TelegramAllowlist.chatAllowed(current, chatType, chatId);
    }

    /**
     * Whether a Telegram chat the agent's environment names (a tool's {@code DUCTOR_CHAT_ID}) is one the bot
     * may talk in: an allowed user's private chat, or an allowed group.
     */
    public static boolean telegramChatAllowed(DuctorConfig current, long chatId) {
        return chatId > 0
                ? current.allowedUserIds().contains(chatId)
                : TelegramAllowlist.chatAllowed(current, "supergroup", chatId);
    }

    private boolean matrix(
            DuctorConfig current, String chatType, @Nullable String roomId, @Nullable String matrixUserId) {
        if (!MatrixAllowlist.configured(current) && warnedNoMatrixAllowlist.getAndSet(current) != current) {
            log.warn("Matrix message refused: matrix.allowed_rooms and matrix.allowed_users are both empty in"
                    + " config.json, so every Matrix message is refused; list the allowed room ids (!room:server)"
                    + " and/or user ids (@user:server)");
        }
        return MatrixAllowlist.allows(current, chatType, roomId, matrixUserId);
    }
}
