package dev.ductor.gateway.matrix.outbound;

import dev.ductor.config.DuctorConfig;
import dev.ductor.config.MatrixAllowlist;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room a command's chat id names (behaviour §9.2), and whether the bot may send there (§9.3, defence in
 * depth): when {@code matrix.allowed_rooms} is not empty, nothing goes to a room outside it (a room removed from
 * the list while sessions of it remain gets no answer, notice or result), logged once per command and without
 * its text. A chat id no room is known for drops the command.
 */
final class CommandRooms {

    private static final Logger log = LoggerFactory.getLogger(CommandRooms.class);

    private final RoomIds roomIds;
    private final Supplier<DuctorConfig> config;

    CommandRooms(RoomIds roomIds, Supplier<DuctorConfig> config) {
        this.roomIds = roomIds;
        this.config = config;
    }

    /** The room of {@code chat} when it is known; empty (logged) when none is known. */
    Optional<String> known(ChatRef chat, String messageId) {
        Optional<String> room = roomIds.roomId(chat.chatId());
        if (room.isEmpty()) {
            log.warn("No Matrix room is known for chat {}; dropping {}", chat.chatId(), messageId);
        }
        return room;
    }

    /** The room of {@code chat} when it is known and the bot may send there; empty (logged) otherwise. */
    Optional<String> room(ChatRef chat, String messageId) {
        return known(chat, messageId).filter(room -> allowed(room, messageId));
    }

    /** Whether the bot may send to {@code roomId} now; logs {@code messageId} as not sent when not. */
    boolean allowed(String roomId, String messageId) {
        if (MatrixAllowlist.roomAllowed(config.get(), roomId)) {
            return true;
        }
        log.warn("Not sending {} to room {}: it is not in matrix.allowed_rooms", messageId, roomId);
        return false;
    }

    /** Those of {@code copies} in rooms the bot may send to; the others logged once, as not sent. */
    List<PostedMessages.Posted> allowedCopies(List<PostedMessages.Posted> copies, String messageId) {
        DuctorConfig now = config.get();
        List<PostedMessages.Posted> allowed = copies.stream()
                .filter(copy -> MatrixAllowlist.roomAllowed(now, copy.roomId()))
                .toList();
        if (allowed.size() < copies.size()) {
            log.warn(
                    "Not sending {} to rooms {}: they are not in matrix.allowed_rooms",
                    messageId,
                    copies.stream()
                            .map(PostedMessages.Posted::roomId)
                            .filter(room -> !MatrixAllowlist.roomAllowed(now, room))
                            .toList());
        }
        return allowed;
    }
}
