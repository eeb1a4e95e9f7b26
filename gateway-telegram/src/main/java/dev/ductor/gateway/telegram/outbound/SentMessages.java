package dev.ductor.gateway.telegram.outbound;

import dev.ductor.bus.ContractJson;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted map outboundRef/streamId → Telegram message ids ({@code messages.json}), so edits, deletes
 * and redelivered stream updates reach the same messages after a restart. Keeps the newest {@code max}.
 * Beside it, the answer text rebuilt so far of each open stream ({@code streams/}), so appends acked before
 * a crash are not lost to the messages edited after it; it is removed when the stream closes.
 */
final class SentMessages {

    private final JsonStateFile<LinkedHashMap<String, SentRef>> file;
    private final LinkedHashMap<String, SentRef> refs;
    private final int max;
    /** The answer text of each open stream ({@code streams/<id>.txt}), bounded by the answer cap. */
    private final Path streams;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(SentMessages.class);

    SentMessages(Path dir, int max) {
        this.streams = dir.resolve("streams");
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("messages.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, SentRef.class),
                LinkedHashMap::new);
        this.refs = file.load();
        this.max = max;
    }

    synchronized Optional<SentRef> find(String ref) {
        return Optional.ofNullable(refs.get(ref));
    }

    synchronized void put(String ref, SentRef sent) {
        refs.remove(ref);
        refs.put(ref, sent);
        while (refs.size() > max) {
            String oldest = refs.keySet().iterator().next();
            refs.remove(oldest);
            removeText(oldest);
        }
        file.save(refs);
    }

    synchronized void remove(String ref) {
        if (refs.remove(ref) != null) {
            file.save(refs);
        }
        removeText(ref);
    }

    /** The answer text of an open stream as persisted by {@link #saveText}, if any. */
    Optional<String> text(String ref) {
        Path path = textFile(ref);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn(
                    "Cannot read the streamed text of {} ({}); the close will bring the whole answer",
                    ref,
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * Persists an open stream's answer text (empty: forgets it, the stream is closed). Best effort: a disk
     * that cannot take it costs a warning (the text stays in memory, and the close carries the whole answer).
     */
    void saveText(String ref, String text) {
        if (text.isEmpty()) {
            removeText(ref);
            return;
        }
        try {
            AtomicFiles.write(textFile(ref), text.getBytes(StandardCharsets.UTF_8));
        } catch (StateNotWritten e) {
            log.warn("Cannot persist the streamed text of {}: {}", ref, e.getMessage());
        }
    }

    private void removeText(String ref) {
        try {
            Files.deleteIfExists(textFile(ref));
        } catch (IOException e) {
            log.warn("Cannot delete the streamed text of {}: {}", ref, e.toString());
        }
    }

    /** One file per open stream; a ref that is not a plain id is named by its hash. */
    private Path textFile(String ref) {
        String name = SAFE_NAME.matcher(ref).matches() ? ref : sha256(ref);
        return streams.resolve(name + ".txt");
    }

    private static String sha256(String ref) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Map<String, SentRef> snapshot() {
        return Map.copyOf(refs);
    }
}
