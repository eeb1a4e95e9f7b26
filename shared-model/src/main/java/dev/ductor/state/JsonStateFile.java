package dev.ductor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON state file with a single writer: load (or start empty), save atomically. A corrupt file is
 * moved aside as {@code <name>.corrupt-<millis>} and reported, never silently overwritten. A file that
 * parses but misses fields is repaired at load ({@link MissingFields}: a missing collection becomes empty, an
 * entry missing anything else is dropped), with a log line and the original kept as
 * {@code <name>.repaired-<millis>}; if even that cannot make it whole, it is treated as corrupt. A state file
 * therefore never keeps a service from starting or fails later on a null.
 */
public final class JsonStateFile<T> {

    private static final Logger log = LoggerFactory.getLogger(JsonStateFile.class);

    private final Path path;
    private final JsonMapper mapper;
    private final JavaType type;
    private final Supplier<T> empty;

    public JsonStateFile(Path path, JsonMapper mapper, JavaType type, Supplier<T> empty) {
        this.path = path;
        this.mapper = mapper;
        this.type = type;
        this.empty = empty;
    }

    public Path path() {
        return path;
    }

    /** The file's value, a file that parses but misses fields repaired generically ({@link MissingFields}). */
    public T load() {
        T loaded = parsed();
        return loaded == null ? empty.get() : repaired(loaded);
    }

    /**
     * The file's value as parsed, for an owner that repairs missing fields itself with knowledge of its
     * file (the orchestrator's journal, sessions and chat activity): a half-written entry it can still
     * mend would be dropped by the generic repair. Invalid JSON is quarantined as by {@link #load()}.
     */
    public T loadAsParsed() {
        T loaded = parsed();
        return loaded == null ? empty.get() : loaded;
    }

    private @org.jspecify.annotations.Nullable T parsed() {
        if (!Files.exists(path)) {
            return null;
        }
        T loaded;
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                return null;
            }
            loaded = mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            return quarantine("is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        if (loaded == null) {
            log.warn("State file {} holds null; starting empty", path);
        }
        return loaded;
    }

    @SuppressWarnings("unchecked")
    private T repaired(T loaded) {
        List<String> notes = new ArrayList<>();
        T repaired;
        try {
            repaired = (T) MissingFields.repair(loaded, path.getFileName().toString(), notes);
        } catch (MissingFields.Unrepairable e) {
            return quarantine("misses fields it cannot do without (" + e.getMessage() + ")", null);
        }
        if (!notes.isEmpty()) {
            Path original = aside("repaired");
            try {
                Files.copy(path, original, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("Cannot keep the original of {} as {}: {}", path, original, e.toString());
            }
            log.warn(
                    "State file {} missed fields; repaired it ({}); the original is kept as {}", path, notes, original);
        }
        return repaired;
    }

    private T quarantine(String problem, @org.jspecify.annotations.Nullable Exception cause) {
        Path aside = aside("corrupt");
        try {
            Files.move(path, aside);
        } catch (IOException moveFailure) {
            if (cause != null) {
                cause.addSuppressed(moveFailure);
            }
            log.warn("Cannot move {} aside: {}", path, moveFailure.toString());
        }
        log.error("State file {} {}; moved it to {} and started empty", path, problem, aside);
        return empty.get();
    }

    private Path aside(String why) {
        return path.resolveSibling(path.getFileName() + "." + why + "-" + System.currentTimeMillis());
    }

    public void save(T value) {
        AtomicFiles.write(path, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }
}
