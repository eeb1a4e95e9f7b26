package dev.ductor.gateway.matrix.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.gateway.matrix.rooms.StateMaps;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How far each open stream was posted: {@code sent} characters of its text so far ({@code text}) went out as
 * {@code segments} messages. Kept in {@code streams.json} so a gateway restarted mid-answer continues after
 * the last segment instead of posting it again; the next segment's transaction id is
 * {@code <streamId>:<segments>}. A stream that answers a user's message keeps that message's event id
 * ({@code replyTo}), so its segments stay in its thread after a restart too.
 */
final class Streams {

    /** One stream's progress. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Progress(
            int sent, int segments, String text, @Nullable String replyTo) {

        Progress {
            text = text == null ? "" : text;
        }

        Progress(int sent, int segments, String text) {
            this(sent, segments, text, null);
        }

        Progress withText(String whole) {
            return new Progress(sent, segments, whole, replyTo);
        }

        /** What the stream's next message answers: the first one is shown as a reply (behaviour §9.7). */
        Answering answering() {
            return new Answering(replyTo, segments == 0);
        }
    }

    private final JsonStateFile<Map<String, Progress>> file;
    private final Map<String, Progress> open;
    /** How often the file was written (for tests: once per append). */
    private int saves;

    Streams(Path dir) {
        this.file = StateMaps.file(dir.resolve("streams.json"), Progress.class);
        this.open = new LinkedHashMap<>(file.load());
    }

    synchronized Progress progress(String streamId) {
        return open.getOrDefault(streamId, new Progress(0, 0, ""));
    }

    synchronized void advance(String streamId, Progress progress) {
        open.put(streamId, progress);
        file.save(new LinkedHashMap<>(open));
        saves++;
    }

    synchronized int saves() {
        return saves;
    }

    synchronized void close(String streamId) {
        if (open.remove(streamId) != null) {
            file.save(new LinkedHashMap<>(open));
        }
    }
}
