package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one outbound command in its room (behaviour §9.5–9.7). Streams are posted as separate
 * messages ("segments") rather than edited: a tool or system indicator ({@code StreamStatus}) posts what
 * was not yet shown, a long run of text is posted at paragraph breaks, and the close posts the rest with
 * the buttons and sends the answer's {@code <file:…>} files; the indicators themselves are not posted,
 * typing is shown instead. Commands that have no meaning on Matrix (edits of earlier texts, deletes, pins,
 * press acknowledgements, the command menu) are done by doing nothing. Every send's transaction id is
 * derived from the command's bus message id, or for segments from the stream id and segment number.
 */
public final class OutboundCommands {

    private static final Logger log = LoggerFactory.getLogger(OutboundCommands.class);

    private final MatrixPort port;
    private final RoomSender sender;
    private final RoomIds roomIds;
    private final Streams streams;
    private final StreamText streamText = new StreamText();
    /** The latest text of each open stream, for a {@code StreamStatus} flush. */
    private final Map<String, String> latest = new ConcurrentHashMap<>();

    private final SendableFiles sendable;
    private final Path workspace;

    OutboundCommands(
            MatrixPort port,
            RoomSender sender,
            RoomIds roomIds,
            Streams streams,
            SendableFiles sendable,
            Path workspace) {
        this.port = port;
        this.sender = sender;
        this.roomIds = roomIds;
        this.streams = streams;
        this.sendable = sendable;
        this.workspace = workspace;
    }

    /** Carries out {@code command}, bus message {@code messageId}; returns when the homeserver took it. */
    void handle(Contract command, String messageId) {
        switch (command) {
            case SendText text ->
                room(text.chat()).ifPresent(room -> sender.markdown(room, messageId, text.text(), text.buttons()));
            case StreamOpen open -> room(open.chat()).ifPresent(room -> sender.typing(room, true));
            case StreamStatus status ->
                room(status.chat()).ifPresent(room -> {
                    flush(room, status.streamId(), null, true);
                    sender.typing(room, true);
                });
            case StreamAppend append ->
                room(append.chat()).ifPresent(room -> flush(room, append.streamId(), streamText.whole(append), false));
            case StreamClose close -> room(close.chat()).ifPresent(room -> close(room, close));
            case SendFile file -> room(file.chat()).ifPresent(room -> sendFile(room, messageId, file.path()));
            case ChatAction action -> room(action.chat()).ifPresent(room -> sender.typing(room, true));
            case LeaveChat leave -> room(leave.chat()).ifPresent(port::leave);
            default ->
                log.debug("{} has no effect on Matrix", command.getClass().getSimpleName());
        }
    }

    private void flush(String room, String streamId, @Nullable String text, boolean everything) {
        String whole = text != null ? text : latest.getOrDefault(streamId, "");
        latest.put(streamId, whole);
        Streams.Progress progress = streams.progress(streamId);
        int sent = Math.min(progress.sent(), whole.length());
        int end = everything ? whole.length() : Segments.readableEnd(whole, sent);
        if (end <= sent) {
            return;
        }
        String segment = Segments.visible(whole.substring(sent, end));
        if (!segment.isEmpty()) {
            sender.markdown(room, streamId + ":" + progress.segments(), segment, List.of());
        }
        streams.advance(streamId, new Streams.Progress(end, progress.segments() + 1));
    }

    private void close(String room, StreamClose close) {
        Streams.Progress progress = streams.progress(close.streamId());
        String finalText = close.finalText();
        String rest = Segments.visible(finalText.substring(Math.min(progress.sent(), finalText.length())));
        if (!rest.isEmpty() || !close.buttons().isEmpty()) {
            sender.markdown(room, close.streamId() + ":" + progress.segments(), rest, close.buttons());
        }
        List<String> files = Segments.files(finalText);
        for (int i = 0; i < files.size(); i++) {
            sendFile(room, close.streamId() + ":file:" + i, files.get(i));
        }
        sender.typing(room, false);
        streams.close(close.streamId());
        latest.remove(close.streamId());
    }

    /** A file that is outside {@code file_access}, a secret or missing is skipped with a log line (ductor). */
    private void sendFile(String room, String txnId, String path) {
        Path file = sendable.resolve(workspace, path);
        if (file == null) {
            log.warn("Not sending {}: outside file_access={} or a secret", path, sendable.access());
            return;
        }
        if (!Files.isRegularFile(file)) {
            log.warn("Not sending {}: no such file", path);
            return;
        }
        sender.file(room, txnId, file);
    }

    private Optional<String> room(ChatRef chat) {
        Optional<String> room = roomIds.roomId(chat.chatId());
        if (room.isEmpty()) {
            log.warn("No Matrix room is known for chat {}; dropping the command", chat.chatId());
        }
        return room;
    }
}
