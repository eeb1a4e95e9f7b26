package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Button;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
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
import dev.ductor.model.Transport;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one outbound command in its room (behaviour §9.5–9.7). Streams are posted as separate
 * messages ("segments") rather than edited: a tool or system indicator ({@code StreamStatus}) posts what
 * was not yet shown, a long run of text is posted at paragraph breaks, and the close posts the rest with
 * the buttons (the agent's {@code [button:…]} markers and the command's own) and sends the answer's
 * {@code <file:…>} files (markers are read only in streamed answers, never in {@code SendText}); the indicators themselves are not posted,
 * typing is shown instead. An answer replies to the message it answers and stays in its thread (behaviour §9.7);
 * a text to the broadcast address (chat id 0) goes to every broadcast room (§9.8). An edit of an earlier text
 * replaces it ({@code m.replace}) and a delete redacts it, a broadcast text's in each room it went to
 * ({@link PostedMessages} remembers where each text went).
 * Commands that have no meaning on Matrix (pins, press acknowledgements, the command menu) are done by doing
 * nothing. Every send's transaction id is
 * derived from the command's bus message id, or for segments from the stream id and segment number.
 */
public final class OutboundCommands {

    private static final Logger log = LoggerFactory.getLogger(OutboundCommands.class);

    private final MatrixPort port;
    private final RoomSender sender;
    private final RoomIds roomIds;
    private final BroadcastRooms broadcastRooms;
    private final Streams streams;
    private final PostedMessages posted;
    private final StreamTexts streamTexts = new StreamTexts();

    private final SendableFiles sendable;
    private final Path workspace;

    OutboundCommands(
            MatrixPort port,
            RoomSender sender,
            RoomIds roomIds,
            BroadcastRooms broadcastRooms,
            Streams streams,
            PostedMessages posted,
            SendableFiles sendable,
            Path workspace) {
        this.port = port;
        this.sender = sender;
        this.roomIds = roomIds;
        this.broadcastRooms = broadcastRooms;
        this.streams = streams;
        this.posted = posted;
        this.sendable = sendable;
        this.workspace = workspace;
    }

    /** Carries out {@code command}, bus message {@code messageId}; returns when the homeserver took it. */
    void handle(Contract command, String messageId) {
        switch (command) {
            case SendText text -> sendText(text, messageId);
            case EditText edit -> edit(edit, messageId);
            case DeleteMessage delete -> delete(delete, messageId);
            case StreamOpen open ->
                room(open.chat()).ifPresent(room -> {
                    if (open.replyTo() != null) {
                        Streams.Progress progress = streams.progress(open.streamId());
                        streams.advance(
                                open.streamId(),
                                new Streams.Progress(
                                        progress.sent(), progress.segments(), progress.text(), open.replyTo()));
                    }
                    sender.typing(room, true);
                });
            case StreamStatus status ->
                room(status.chat()).ifPresent(room -> {
                    Streams.Progress progress = streams.progress(status.streamId());
                    Streams.Progress after = flush(
                            room, status.streamId(), progress, progress.text().length());
                    if (after != progress) {
                        streams.advance(status.streamId(), after);
                    }
                    sender.typing(room, true);
                });
            case StreamAppend append ->
                room(append.chat()).ifPresent(room -> {
                    Streams.Progress before = streams.progress(append.streamId());
                    String whole = streamTexts.whole(before.text(), append);
                    Streams.Progress progress = before.withText(whole);
                    // saved once, after the segment went out: a crash before that redoes the append, and the
                    // segment is sent again under the same transaction id (shown once)
                    streams.advance(
                            append.streamId(),
                            flush(room, append.streamId(), progress, Segments.readableEnd(whole, progress.sent())));
                });
            case StreamClose close -> room(close.chat()).ifPresent(room -> close(room, close));
            case SendFile file ->
                room(file.chat()).ifPresent(room -> sendFile(room, messageId, file.path(), Answering.NOTHING));
            case ChatAction action -> room(action.chat()).ifPresent(room -> sender.typing(room, true));
            case LeaveChat leave -> room(leave.chat()).ifPresent(port::leave);
            default ->
                log.debug("{} has no effect on Matrix", command.getClass().getSimpleName());
        }
    }

    /**
     * A text, shown as a reply to {@code replyTo}; to the broadcast address, or to a chat id no room is known
     * for, in every broadcast room (behaviour §9.8). When its room refuses it for good before anything was shown
     * (the bot was removed, the room is gone or unknown) and it has a {@code fallback}, the fallback's text goes
     * to the fallback's room instead (behaviour §9.7, "Cron delivery failed").
     */
    private void sendText(SendText text, String messageId) {
        if (text.chat().chatId() == ChatRef.BROADCAST) {
            broadcast(text.outboundRef(), messageId, text.text(), text.buttons());
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
            broadcast(text.outboundRef(), messageId, text.text(), text.buttons());
            return;
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
                ? room(fallback.chat())
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
    private void edit(EditText edit, String messageId) {
        List<PostedMessages.Posted> copies = posted.copies(edit.outboundRef());
        if (!copies.isEmpty()) {
            copies.forEach(copy -> editCopy(edit, messageId, copy));
            return;
        }
        Optional<PostedMessages.Posted> earlier = posted.get(edit.outboundRef());
        if (earlier.isPresent()) {
            try {
                posted.record(edit.outboundRef(), sender.edit(earlier.get(), messageId, edit.text(), edit.buttons()));
                return;
            } catch (MatrixException refused) {
                log.warn("The edit of {} was refused ({}); posting it anew", edit.outboundRef(), refused.getMessage());
            }
        } else {
            log.info("{} is not remembered; posting its edit anew", edit.outboundRef());
            if (edit.chat().chatId() == ChatRef.BROADCAST) {
                broadcast(edit.outboundRef(), messageId + ":anew", edit.text(), edit.buttons());
                return;
            }
        }
        Optional<String> room = earlier.map(PostedMessages.Posted::roomId).or(() -> room(edit.chat()));
        room.ifPresent(id -> posted.record(
                edit.outboundRef(),
                sender.post(id, messageId + ":anew", edit.text(), edit.buttons(), Answering.NOTHING)));
    }

    /**
     * The copy of a broadcast text in one room, replaced in place under a transaction id of that room; one the
     * homeserver refuses for good is posted anew in that room, and one the room refuses as well is skipped, as a
     * broadcast is.
     */
    private void editCopy(EditText edit, String messageId, PostedMessages.Posted copy) {
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
     * The text {@code outboundRef} names, redacted (a broadcast text in each room it went to); one this gateway
     * does not remember is left (logged).
     */
    private void delete(DeleteMessage delete, String messageId) {
        List<PostedMessages.Posted> copies = posted.copies(delete.outboundRef());
        if (!copies.isEmpty()) {
            for (PostedMessages.Posted copy : copies) {
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
            return;
        }
        Optional<PostedMessages.Posted> earlier = posted.get(delete.outboundRef());
        if (earlier.isEmpty()) {
            log.info("{} is not remembered; nothing to delete", delete.outboundRef());
            return;
        }
        sender.redact(earlier.get(), messageId);
        posted.forget(delete.outboundRef());
    }

    /**
     * A text for everyone (behaviour §9.8): posted in each broadcast room under its own transaction id, each copy
     * remembered for the text's later edits; a room that refuses it for good (the bot is not in it, an alias) is
     * skipped with a log line, as ductor.
     */
    private void broadcast(String outboundRef, String messageId, String text, List<List<Button>> buttons) {
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
                // not in the room, or an alias in allowed_rooms (compared literally, never resolved): as ductor,
                // the other rooms still get it (what is only passing is retried inside the sender)
                log.warn("Room {} refused the broadcast {} ({}); skipped", room, messageId, refused.getMessage());
            }
        }
    }

    /**
     * Posts the stream's text from what was posted up to {@code end} as the next segment; answers the progress
     * after it (the same when there was nothing to post), for the caller to save.
     */
    private Streams.Progress flush(String room, String streamId, Streams.Progress progress, int end) {
        String whole = progress.text();
        int sent = Math.min(progress.sent(), whole.length());
        if (end <= sent) {
            return progress;
        }
        String segment = AnswerMarkup.display(whole.substring(sent, end));
        if (!segment.isEmpty()) {
            sender.markdown(room, streamId + ":" + progress.segments(), segment, List.of(), progress.answering());
        }
        return new Streams.Progress(end, progress.segments() + 1, whole, progress.replyTo());
    }

    /**
     * The last segment: the final text from where the posted part ends when it continues what was posted
     * (or nothing was posted yet); otherwise, as ductor, the rest of the streamed text (Claude's final
     * result is only its last text block). Buttons and files come from the final text's markers.
     */
    private void close(String room, StreamClose close) {
        Streams.Progress progress = streams.progress(close.streamId());
        String streamed = progress.text();
        int sent = Math.min(progress.sent(), streamed.length());
        String finalText = close.finalText();
        String tail;
        if (!finalText.isBlank() && finalText.startsWith(streamed.substring(0, sent))) {
            tail = finalText.substring(sent);
        } else {
            tail = streamed.substring(sent);
        }
        // markers are read only in the agent's own answer, never in a notice or an error (behaviour §3.11)
        String shown = finalText.isBlank() ? streamed : finalText;
        AnswerMarkup markup = close.answer() ? AnswerMarkup.parse(shown) : AnswerMarkup.plain(shown);
        String rest = close.answer() ? AnswerMarkup.display(tail) : tail;
        List<List<Button>> buttons = new ArrayList<>(markup.buttons());
        buttons.addAll(close.buttons());
        if (!rest.isEmpty() || !buttons.isEmpty()) {
            sender.markdown(room, close.streamId() + ":" + progress.segments(), rest, buttons, progress.answering());
        }
        for (int i = 0; i < markup.files().size(); i++) {
            sendFile(room, close.streamId() + ":file:" + i, markup.files().get(i), progress.answering());
        }
        sender.typing(room, false);
        streams.close(close.streamId());
        streamTexts.close(close.streamId());
    }

    /** A file that is outside {@code file_access}, a secret or missing is skipped with a log line (ductor). */
    private void sendFile(String room, String txnId, String path, Answering answering) {
        Path file = sendable.resolve(workspace, path);
        if (file == null) {
            log.warn("Not sending {}: outside file_access={} or a secret", path, sendable.access());
            return;
        }
        if (!Files.isRegularFile(file)) {
            log.warn("Not sending {}: no such file", path);
            return;
        }
        sender.file(room, txnId, file, answering);
    }

    private Optional<String> room(ChatRef chat) {
        Optional<String> room = roomIds.roomId(chat.chatId());
        if (room.isEmpty()) {
            log.warn("No Matrix room is known for chat {}; dropping the command", chat.chatId());
        }
        return room;
    }
}
