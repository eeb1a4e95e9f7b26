package dev.ductor.gateway.telegram.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.LoggedStateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted map outboundRef/streamId → Telegram message ids ({@code messages.json}, its changes since it
 * was last written whole in {@code messages.json.log}: {@link LoggedStateFile}), so edits, deletes
 * and redelivered stream updates reach the same messages after a restart. Keeps the newest {@code max}.
 * Beside it, the answer text rebuilt so far of each open stream ({@code streams/}, one {@link StreamJournal}
 * each), so appends acked before a crash are not lost to the messages edited after it; it is removed when the
 * stream closes.
 */
final class SentMessages {

    /** One change of the map as its log ({@code messages.json.log}) holds it: {@code sent} null removes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String ref, @Nullable SentRef sent) {}

    private final LoggedStateFile<LinkedHashMap<String, SentRef>, Change> file;
    private final LinkedHashMap<String, SentRef> refs;
    private final int max;
    /** The answer text of each open stream ({@code streams/<id>.journal}), bounded by the answer cap. */
    private final Path streams;

    private final Map<String, StreamJournal> journals = new ConcurrentHashMap<>();
    private final LongAdder written = new LongAdder();

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(SentMessages.class);

    SentMessages(Path dir, int max) {
        this.streams = dir.resolve("streams");
        this.max = max;
        JsonMapper mapper = ContractJson.mapper();
        var snapshot = new JsonStateFile<LinkedHashMap<String, SentRef>>(
                dir.resolve("messages.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, SentRef.class),
                LinkedHashMap::new);
        this.file = new LoggedStateFile<>(snapshot, mapper, Change.class, this::apply, Map::size);
        this.refs = file.replay(snapshot.load());
        file.open(refs);
    }

    synchronized Optional<SentRef> find(String ref) {
        return Optional.ofNullable(refs.get(ref));
    }

    synchronized void put(String ref, SentRef sent) {
        var change = new Change(ref, sent);
        apply(refs, change).forEach(this::removeText);
        file.append(change, refs);
    }

    synchronized void remove(String ref) {
        if (refs.containsKey(ref)) {
            var change = new Change(ref, null);
            apply(refs, change);
            file.append(change, refs);
        }
        removeText(ref);
    }

    /** Applies a change (the newest ref last, the oldest beyond {@code max} dropped); answers the dropped refs. */
    private List<String> apply(LinkedHashMap<String, SentRef> map, Change change) {
        map.remove(change.ref());
        if (change.sent() == null) {
            return List.of();
        }
        map.put(change.ref(), change.sent());
        List<String> dropped = new ArrayList<>();
        while (map.size() > max) {
            String oldest = map.keySet().iterator().next();
            map.remove(oldest);
            dropped.add(oldest);
        }
        return dropped;
    }

    /**
     * The answer text of an open stream as persisted by {@link #saveText}, if any. A journal that cannot be
     * read costs a warning: the close brings the whole answer.
     */
    Optional<String> text(String ref) {
        try {
            String text = journal(ref).text();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (UncheckedIOException e) {
            log.warn(
                    "Cannot read the streamed text of {} ({}); the close will bring the whole answer",
                    ref,
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * Persists an open stream's answer text (empty: forgets it, the stream is closed). Only what changed since
     * the last save is written ({@link StreamJournal}), so a stream's disk cost grows with its answer.
     *
     * @throws UncheckedIOException when the disk refuses it: the text is not on disk, and the append that
     *     brought it must not be acked
     */
    void saveText(String ref, String text) {
        if (text.isEmpty()) {
            removeText(ref);
            return;
        }
        journal(ref).save(text);
    }

    /** Bytes the stream journals wrote since this object was made (the cost the tests count). */
    long textBytesWritten() {
        return written.sum();
    }

    private StreamJournal journal(String ref) {
        return journals.computeIfAbsent(ref, key -> {
            StreamJournal journal = StreamJournal.open(textFile(key, ".journal"), written);
            migrate(key, journal);
            return journal;
        });
    }

    /** A stream persisted by an earlier version as one whole file ({@code .txt}) continues in its journal. */
    private void migrate(String ref, StreamJournal journal) {
        Path legacy = textFile(ref, ".txt");
        if (!Files.isRegularFile(legacy)) {
            return;
        }
        try {
            if (journal.text().isEmpty()) {
                journal.save(Files.readString(legacy, StandardCharsets.UTF_8));
            }
            Files.delete(legacy);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot move the streamed text of {} into its journal: {}", ref, e.toString());
        }
    }

    private void removeText(String ref) {
        StreamJournal journal = journals.remove(ref);
        try {
            if (journal != null) {
                journal.delete();
            }
            Files.deleteIfExists(textFile(ref, ".journal"));
            Files.deleteIfExists(textFile(ref, ".txt"));
        } catch (IOException e) {
            log.warn("Cannot delete the streamed text of {}: {}", ref, e.toString());
        }
    }

    /** One file per open stream; a ref that is not a plain id is named by its hash. */
    private Path textFile(String ref, String suffix) {
        String name = SAFE_NAME.matcher(ref).matches() ? ref : sha256(ref);
        return streams.resolve(name + suffix);
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
