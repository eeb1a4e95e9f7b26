package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.Button;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts for everyone (behaviour §9.8) and their later edits and deletes: a broadcast is posted in each broadcast
 * room under a transaction id of that room, each copy remembered ({@link PostedMessages}); an edit or delete of
 * it reaches each copy. A room that refuses a copy for good (the bot is not in it, an alias) is skipped with a log
 * line, as ductor: the other rooms still get theirs (what is only passing is retried inside the sender).
 */
final class Broadcasts {

    private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);

    private final RoomSender sender;
    private final RoomIds roomIds;
    private final CommandRooms commandRooms;
    private final BroadcastRooms broadcastRooms;
    private final PostedMessages posted;

    Broadcasts(
            RoomSender sender,
            RoomIds roomIds,
            CommandRooms commandRooms,
            BroadcastRooms broadcastRooms,
            PostedMessages posted) {
        this.sender = sender;
        this.roomIds = roomIds;
        this.commandRooms = commandRooms;
        this.broadcastRooms = broadcastRooms;
        this.posted = posted;
    }

    /** Posts {@code text} in every broadcast room now; with none, logs and drops it, as ductor. */
    void post(String outboundRef, String messageId, String text, List<List<Button>> buttons) {
        List<String> rooms = broadcastRooms.rooms();
        if (rooms.isEmpty()) {
            log.warn("No Matrix room to broadcast {} to (no allowed_rooms, no active room); not sent", messageId);
            return;
        }
        for (String room : rooms) {
            try {
                posted.recordCopy(
                        outboundRef,
                        sender.post(room, messageId + ":" + roomIds.chatId(room), text, buttons, Answering.NOTHING));
            } catch (MatrixException refused) {
                // not in the room, or an alias in allowed_rooms (compared literally, never resolved)
                log.warn("Room {} refused the broadcast {} ({}); skipped", room, messageId, refused.getMessage());
            }
        }
    }

    /** Each of {@code copies} of a broadcast text edited, those in rooms that are no longer allowed left. */
    void edit(EditText edit, String messageId, List<PostedMessages.Posted> copies) {
        commandRooms.allowedCopies(copies, messageId).forEach(copy -> edit(edit, messageId, copy));
    }

    /**
     * The copy of a broadcast text in one room, replaced in place under a transaction id of that room; one the
     * homeserver refuses for good is posted anew in that room, and one the room refuses as well is skipped, as a
     * broadcast is.
     */
    private void edit(EditText edit, String messageId, PostedMessages.Posted copy) {
        String txnId = messageId + ":" + roomIds.chatId(copy.roomId());
        try {
            posted.recordCopy(edit.outboundRef(), sender.edit(copy, txnId, edit.text(), edit.buttons()));
            return;
        } catch (MatrixException refused) {
            log.warn(
                    "The edit of {} in {} was refused ({}); posting it anew there",
                    edit.outboundRef(),
                    copy.roomId(),
                    refused.getMessage());
        }
        try {
            posted.recordCopy(
                    edit.outboundRef(),
                    sender.post(copy.roomId(), txnId + ":anew", edit.text(), edit.buttons(), Answering.NOTHING));
        } catch (MatrixException refused) {
            log.warn(
                    "Room {} refused the edit of {} ({}); skipped",
                    copy.roomId(),
                    edit.outboundRef(),
                    refused.getMessage());
        }
    }

    /**
     * Redacts each of {@code copies} under a transaction id of its room, those in rooms that are no longer
     * allowed left, then forgets the text.
     */
    void delete(DeleteMessage delete, String messageId, List<PostedMessages.Posted> copies) {
        for (PostedMessages.Posted copy : commandRooms.allowedCopies(copies, messageId)) {
            try {
                sender.redact(copy, messageId + ":" + roomIds.chatId(copy.roomId()));
            } catch (MatrixException refused) {
                log.warn(
                        "Room {} refused the delete of {} ({}); skipped",
                        copy.roomId(),
                        delete.outboundRef(),
                        refused.getMessage());
            }
        }
        posted.forget(delete.outboundRef());
    }
}
