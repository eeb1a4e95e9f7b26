package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatRef;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The room a command's chat id names (behaviour §9.2); a chat id no room is known for drops the command. */
final class CommandRooms {

    private static final Logger log = LoggerFactory.getLogger(CommandRooms.class);

    private final RoomIds roomIds;

    CommandRooms(RoomIds roomIds) {
        this.roomIds = roomIds;
    }

    /** The room of {@code chat}; empty (logged) when none is known. */
    Optional<String> room(ChatRef chat) {
        Optional<String> room = roomIds.roomId(chat.chatId());
        if (room.isEmpty()) {
            log.warn("No Matrix room is known for chat {}; dropping the command", chat.chatId());
        }
        return room;
    }
}
