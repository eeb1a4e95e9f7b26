package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatRef;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.SendText;
import dev.ductor.model.Transport;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's texts and their edits and deletes (behaviour §9.7): a text goes to its chat's room as a reply
 * to what it answers, and {@link PostedMessages} remembers where it went, so a later edit replaces it
 * ({@code m.replace}) and a delete redacts it. A text to the broadcast address (chat id 0), and its edits and
 * deletes, go through {@link Broadcasts} (§9.8). Markers are never read in a text.
 */
final class Texts {

    private static final Logger log = LoggerFactory.getLogger(Texts.class);

    private final RoomSender sender;
    private final RoomIds roomIds;
    private final CommandRooms rooms;
    private final PostedMessages posted;
    private final Broadcasts broadcasts;

    Texts(RoomSender sender, RoomIds roomIds, CommandRooms rooms, PostedMessages posted, Broadcasts broadcasts) {
        this.sender = sender;
        this.roomIds = roomIds;
        this.rooms = rooms;
        this.posted = posted;
        this.broadcasts = broadcasts;
    }

    /**
     * A text, shown as a reply to {@code replyTo}; to the broadcast address, or to a chat id no room is known
     * for, in every broadcast room (behaviour §9.8). When its room refuses it for good before anything was shown
     * (the bot was removed, the room is gone or unknown) and it has a {@code fallback}, the fallback's text goes
     * to the fallback's room instead (behaviour §9.7, "Cron delivery failed").
     */
    void send(SendText text, String messageId) {
        if (text.chat().chatId() == ChatRef.BROADCAST) {
            broadcasts.post(text.outboundRef(), messageId, text.text(), text.buttons());
            return;
        }
        SendText.Fallback fallback = text.fallback();
        Optional<String> room = roomIds.roomId(text.chat().chatId());
        if (room.isEmpty() && fallback == null) {
            // as ductor's notify: a chat id no room is known for (a room forgotten, a chat of another transport)
            log.warn(
                    "No Matrix room is known for chat {}; broadcasting {} instead",
                    text.chat().chatId(),
                    messageId);
            broadcasts.post(text.outboundRef(), messageId, text.text(), text.buttons());
            return;
        }
        if (room.isPresent() && !rooms.allowed(room.get(), messageId)) {
            // as a room that refuses it for good: only its fallback may go elsewhere
            room = Optional.empty();
        }
        try {
            if (room.isPresent()) {
                posted.record(
                        text.outboundRef(),
                        sender.post(
                                room.get(),
                                messageId,
                                text.text(),
                                text.buttons(),
                                new Answering(text.replyTo(), true)));
                return;
            }
        } catch (RoomSender.RoomRefused refused) {
            if (fallback == null) {
                throw refused;
            }
            log.warn("Room {} refused {} ({})", room.get(), text.outboundRef(), refused.getMessage());
        }
        if (fallback == null) {
            return;
        }
        Optional<String> fallbackRoom = Transport.of(fallback.chat().transport()) == Transport.MATRIX
                ? rooms.room(fallback.chat(), messageId + ":fallback")
                : Optional.empty();
        if (fallbackRoom.isEmpty()) {
            log.warn("The fallback of {} is for no Matrix room this gateway knows; not sent", text.outboundRef());
            return;
        }
        log.warn(
                "Sending the fallback of {} to chat {}",
                text.outboundRef(),
                fallback.chat().chatId());
        sender.markdown(fallbackRoom.get(), messageId + ":fallback", fallback.text(), List.of());
    }

    /**
     * The text {@code outboundRef} names, replaced in place (a broadcast text in each room it went to); one this
     * gateway does not remember (sent before the last {@value PostedMessages#REMEMBERED} texts) or whose edit the
     * homeserver refuses for good is posted anew, so the user still sees the new text (one for the broadcast
     * address in every broadcast room).
     */
    void edit(EditText edit, String messageId) {
        List<PostedMessages.Posted> copies = posted.copies(edit.outboundRef());
        if (!copies.isEmpty()) {
            broadcasts.edit(edit, messageId, copies);
            return;
        }
        Optional<PostedMessages.Posted> earlier = posted.get(edit.outboundRef());
        if (earlier.isPresent()) {
            if (!rooms.allowed(earlier.get().roomId(), messageId)) {
                return;
            }
            try {
                posted.record(edit.outboundRef(), sender.edit(earlier.get(), messageId, edit.text(), edit.buttons()));
                return;
            } catch (MatrixException refused) {
                log.warn("The edit of {} was refused ({}); posting it anew", edit.outboundRef(), refused.getMessage());
            }
        } else {
            log.info("{} is not remembered; posting its edit anew", edit.outboundRef());
            if (edit.chat().chatId() == ChatRef.BROADCAST) {
                broadcasts.post(edit.outboundRef(), messageId + ":anew", edit.text(), edit.buttons());
                return;
            }
        }
        Optional<String> room = earlier.map(PostedMessages.Posted::roomId).or(() -> rooms.room(edit.chat(), messageId));
        room.ifPresent(id -> posted.record(
                edit.outboundRef(),
                sender.post(id, messageId + ":anew", edit.text(), edit.buttons(), Answering.NOTHING)));
    }

    /**
     * The text {@code outboundRef} names, redacted (a broadcast text in each room it went to); one this gateway
     * does not remember is left (logged).
     */
    void delete(DeleteMessage delete, String messageId) {
        List<PostedMessages.Posted> copies = posted.copies(delete.outboundRef());
        if (!copies.isEmpty()) {
            broadcasts.delete(delete, messageId, copies);
            return;
        }
        Optional<PostedMessages.Posted> earlier = posted.get(delete.outboundRef());
        if (earlier.isEmpty()) {
            log.info("{} is not remembered; nothing to delete", delete.outboundRef());
            return;
        }
        if (!rooms.allowed(earlier.get().roomId(), messageId)) {
            return;
        }
        sender.redact(earlier.get(), messageId);
        posted.forget(delete.outboundRef());
    }
}
