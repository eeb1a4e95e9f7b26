package dev.ductor.gateway.matrix.outbound;

import dev.ductor.model.StreamAppend;
import dev.ductor.stream.StreamText;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place that turns a stream's {@link StreamAppend} deltas into "the whole answer so far", by the
 * rule every gateway applies ({@link StreamText}: overlaps repaired, gaps waited for, the answer capped). An
 * open stream's text lives here while the gateway runs and is rebuilt from what {@link Streams} persisted
 * after a restart; deltas waiting behind a gap are not persisted (the close, which carries the whole
 * answer, settles them).
 */
final class StreamTexts {

    private final Map<String, StreamText> open = new HashMap<>();

    /** The whole text after {@code append}, given the text persisted for its stream. */
    synchronized String whole(String persisted, StreamAppend append) {
        StreamText text = open.computeIfAbsent(append.streamId(), id -> new StreamText(persisted));
        text.accept(append.offset(), append.text());
        return text.text();
    }

    synchronized void close(String streamId) {
        open.remove(streamId);
    }
}
