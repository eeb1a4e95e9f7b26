package dev.ductor.config;

import dev.ductor.model.ChatType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who may talk to a Matrix bot (behaviour §9.3, §12.2), the one definition the Matrix gateway (before it
 * downloads, stores, publishes or answers anything) and the orchestrator (defence in depth) both apply to
 * the live configuration: the room is allowed when {@code matrix.allowed_rooms} is empty or lists the room
 * id (literal compare, aliases are not resolved), the user when {@code matrix.allowed_users} is empty or
 * lists the sender; both are needed, except in a room that is not a DM when {@code group_mention_only} is
 * true: there the room alone decides. With both lists empty nobody is allowed (fail-closed).
 */
public final class MatrixAllowlist {

    private MatrixAllowlist() {}

    /** Whether {@code userId} may talk to the bot in {@code roomId}, a room of type {@code chatType}. */
    public static boolean allows(
            DuctorConfig config, String chatType, @Nullable String roomId, @Nullable String userId) {
        if (!configured(config)) {
            return false;
        }
        boolean userOk =
                users(config).isEmpty() || userId != null && users(config).contains(userId);
        if (config.groupMentionOnly() && ChatType.of(chatType) != ChatType.PRIVATE) {
            return roomAllowed(config, roomId); // any member of an allowed room may address the bot
        }
        return roomAllowed(config, roomId) && userOk;
    }

    /** Whether the bot may be in {@code roomId} (invites are checked against this alone, behaviour §9.8). */
    public static boolean roomAllowed(DuctorConfig config, @Nullable String roomId) {
        List<String> rooms = rooms(config);
        return rooms.isEmpty() || roomId != null && rooms.contains(roomId);
    }

    /** Whether at least one of the two lists is set; with none, every Matrix message is refused. */
    public static boolean configured(DuctorConfig config) {
        return !rooms(config).isEmpty() || !users(config).isEmpty();
    }

    private static List<String> rooms(DuctorConfig config) {
        DuctorConfig.@Nullable Matrix matrix = config.matrix();
        return matrix == null || matrix.allowedRooms() == null ? List.of() : matrix.allowedRooms();
    }

    private static List<String> users(DuctorConfig config) {
        DuctorConfig.@Nullable Matrix matrix = config.matrix();
        return matrix == null || matrix.allowedUsers() == null ? List.of() : matrix.allowedUsers();
    }
}
