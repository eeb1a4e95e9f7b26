package dev.ductor.gateway.matrix.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far each open stream was posted: {@code sent} characters of its text so far ({@code text}) went out as
 * {@code segments} messages. Kept in {@code streams.json} so a gateway restarted mid-answer continues after
 * the last segment instead of posting it again; the next segment's transaction id is
 * {@code <streamId>:<segments>}.
 */
final class Streams {

    /** One stream's progress. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Progress(int sent, int segments, String text) {

        Progress {
            text = text == null ? "" : text;
        }

        Progress withText(String whole) {
            return new Progress(sent, segments, whole);
        }
    }

    private final JsonStateFile<Map<String, Progress>> file;
    private final Map<String, Progress> open;
    /** How often the file was written (for tests: once per append). */
    private int saves;

    Streams(Path dir) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("streams.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Progress.class),
                LinkedHashMap::new);
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
