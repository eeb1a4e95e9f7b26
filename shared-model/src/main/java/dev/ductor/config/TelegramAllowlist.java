package dev.ductor.config;

import dev.ductor.model.ChatType;

/**
 * Who may talk to a Telegram bot: ductor's dual allowlist (behaviour §3.2, §12.1; docs/behaviour.md), the one
 * definition the gateway (before it downloads or answers anything) and the orchestrator (defence in depth)
 * both apply to the live configuration.
 *
 * <ul>
 *   <li>the user must be on {@code allowed_user_ids};
 *   <li>a private chat is the user's own: its chat id must be the user id (checked by the gateway on
 *       Telegram's update, {@link #wellFormed});
 *   <li>a group or supergroup must be on {@code allowed_group_ids} as well (empty means no group:
 *       fail-closed), a channel on {@code allowed_channel_ids};
 *   <li>any other chat type, or none, is refused.
 * </ul>
 */
public final class TelegramAllowlist {

    private TelegramAllowlist() {}

    /**
     * Whether {@code userId} may talk to the bot in the chat {@code chatId} of type {@code chatType}, as the
     * gateway checks Telegram's update: {@link #wellFormed} and {@link #listed}.
     */
    public static boolean allows(DuctorConfig config, String chatType, long chatId, long userId) {
        return wellFormed(chatType, chatId, userId) && listed(config, chatType, chatId, userId);
    }

    /**
     * Telegram's own invariant, checked on the raw update: a private chat's id is its user's id. Behind the
     * bus it adds nothing (whoever can publish there chooses both ids), so the orchestrator checks only
     * {@link #listed}.
     */
    public static boolean wellFormed(String chatType, long chatId, long userId) {
        return ChatType.of(chatType) != ChatType.PRIVATE || chatId == userId;
    }

    /** The allowlists: the user listed, and for a group the group too; any other chat type refused. */
    public static boolean listed(DuctorConfig config, String chatType, long chatId, long userId) {
        if (!config.allowedUserIds().contains(userId)) {
            return false;
        }
        return switch (ChatType.of(chatType)) {
            case PRIVATE -> true;
            case GROUP, SUPERGROUP -> chatAllowed(config, chatType, chatId);
            case CHANNEL, UNKNOWN -> false;
        };
    }

    /**
     * Whether the bot may be in a group or channel (behaviour §3.2, §3.18): groups answer to
     * {@code allowed_group_ids} (empty: none), channels to {@code allowed_channel_ids}. The one rule for
     * messages, joins, the audit and {@code /where}.
     */
    public static boolean chatAllowed(DuctorConfig config, String chatType, long chatId) {
        return ChatType.of(chatType) == ChatType.CHANNEL
                ? config.allowedChannelIds().contains(chatId)
                : config.allowedGroupIds().contains(chatId);
    }
}
