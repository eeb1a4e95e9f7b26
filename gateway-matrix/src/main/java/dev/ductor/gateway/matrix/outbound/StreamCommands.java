package dev.ductor.gateway.matrix.outbound;

import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Button;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed answer posted as separate messages ("segments", behaviour §9.5) rather than edited: a tool or system
 * indicator ({@code StreamStatus}) posts what was not yet shown, a long run of text is posted at paragraph breaks,
 * and the close posts the rest with the buttons (the agent's {@code [button:…]} markers and the command's own) and
 * sends the answer's {@code <file:…>} files; the indicators themselves are not posted, typing is shown instead.
 * The first segment replies to the message the answer answers and the answer stays in its thread (§9.7). Each
 * segment's transaction id is the stream id and segment number, and how far each stream was posted is kept
 * ({@link Streams}), so a restarted gateway neither repeats nor loses a segment.
 */
final class StreamCommands {

    private final RoomSender sender;
    private final Streams streams;
    private final OutgoingFiles files;
    private final StreamTexts streamTexts = new StreamTexts();

    StreamCommands(RoomSender sender, Streams streams, OutgoingFiles files) {
        this.sender = sender;
        this.streams = streams;
        this.files = files;
    }

    void open(String room, StreamOpen open) {
        if (open.replyTo() != null) {
            Streams.Progress progress = streams.progress(open.streamId());
            streams.advance(
                    open.streamId(),
                    new Streams.Progress(progress.sent(), progress.segments(), progress.text(), open.replyTo()));
        }
        sender.typing(room, true);
    }

    void status(String room, StreamStatus status) {
        Streams.Progress progress = streams.progress(status.streamId());
        Streams.Progress after =
                flush(room, status.streamId(), progress, progress.text().length());
        if (after != progress) {
            streams.advance(status.streamId(), after);
        }
        sender.typing(room, true);
    }

    void append(String room, StreamAppend append) {
        Streams.Progress before = streams.progress(append.streamId());
        String whole = streamTexts.whole(before.text(), append);
        Streams.Progress progress = before.withText(whole);
        // saved once, after the segment went out: a crash before that redoes the append, and the
        // segment is sent again under the same transaction id (shown once)
        streams.advance(
                append.streamId(),
                flush(room, append.streamId(), progress, Segments.readableEnd(whole, progress.sent())));
    }

    /**
     * The last segment: the final text from where the posted part ends when it continues what was posted
     * (or nothing was posted yet); otherwise, as ductor, the rest of the streamed text (Claude's final
     * result is only its last text block). Buttons and files come from the final text's markers.
     */
    void close(String room, StreamClose close) {
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
            files.send(room, close.streamId() + ":file:" + i, markup.files().get(i), progress.answering());
        }
        sender.typing(room, false);
        streams.close(close.streamId());
        streamTexts.close(close.streamId());
    }

    /** What is kept of a stream whose close was not posted (its room unknown or no longer allowed), forgotten. */
    void forget(StreamClose close) {
        streams.close(close.streamId());
        streamTexts.close(close.streamId());
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
}
