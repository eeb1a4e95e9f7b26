package dev.ductor.gateway.matrix.outbound;

import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatAction;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one outbound command in its room (behaviour §9.5–9.8): texts and their edits and deletes
 * ({@link Texts}, those for everyone through {@link Broadcasts}), streamed answers as segments
 * ({@link StreamCommands}), files ({@link OutgoingFiles}), typing and leaving; nothing goes to a room
 * {@code matrix.allowed_rooms} leaves out ({@link CommandRooms}), though the bot may still leave it. Commands
 * that have no meaning on Matrix (pins, press acknowledgements, the command menu) are done by doing nothing.
 * Every send's transaction id is derived from the command's bus message id, or for segments from the stream id
 * and segment number.
 */
public final class OutboundCommands {

    private static final Logger log = LoggerFactory.getLogger(OutboundCommands.class);

    private final MatrixPort port;
    private final RoomSender sender;
    private final CommandRooms rooms;
    private final Texts texts;
    private final StreamCommands streams;
    private final OutgoingFiles files;

    OutboundCommands(
            MatrixPort port,
            RoomSender sender,
            RoomIds roomIds,
            Supplier<DuctorConfig> config,
            BroadcastRooms broadcastRooms,
            Streams streams,
            PostedMessages posted,
            SendableFiles sendable,
            Path workspace) {
        this.port = port;
        this.sender = sender;
        this.rooms = new CommandRooms(roomIds, config);
        this.files = new OutgoingFiles(sender, sendable, workspace);
        this.texts = new Texts(
                sender, roomIds, rooms, posted, new Broadcasts(sender, roomIds, rooms, broadcastRooms, posted));
        this.streams = new StreamCommands(sender, streams, files);
    }

    /** Carries out {@code command}, bus message {@code messageId}; returns when the homeserver took it. */
    void handle(Contract command, String messageId) {
        switch (command) {
            case SendText text -> texts.send(text, messageId);
            case EditText edit -> texts.edit(edit, messageId);
            case DeleteMessage delete -> texts.delete(delete, messageId);
            case StreamOpen open -> rooms.room(open.chat(), messageId).ifPresent(room -> streams.open(room, open));
            case StreamStatus status ->
                rooms.room(status.chat(), messageId).ifPresent(room -> streams.status(room, status));
            case StreamAppend append ->
                rooms.room(append.chat(), messageId).ifPresent(room -> streams.append(room, append));
            case StreamClose close ->
                rooms.room(close.chat(), messageId)
                        .ifPresentOrElse(room -> streams.close(room, close), () -> streams.forget(close));
            case SendFile file ->
                rooms.room(file.chat(), messageId)
                        .ifPresent(room -> files.send(room, messageId, file.path(), Answering.NOTHING));
            case ChatAction action -> rooms.room(action.chat(), messageId).ifPresent(room -> sender.typing(room, true));
            case LeaveChat leave -> rooms.known(leave.chat(), messageId).ifPresent(port::leave);
            default ->
                log.debug("{} has no effect on Matrix", command.getClass().getSimpleName());
        }
    }
}
