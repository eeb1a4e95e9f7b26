package dev.ductor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON state file with a single writer: load (or start empty), save atomically. A corrupt file is
 * moved aside as {@code <name>.corrupt-<millis>} and reported, never silently overwritten.
 */
public final class JsonStateFile<T> {

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

    public T load() {
        if (!Files.exists(path)) {
            return empty.get();
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == 0) {
                return empty.get();
            }
            T value = mapper.readValue(bytes, type);
            return value == null ? empty.get() : value; // a file holding just `null`
        } catch (JacksonException e) {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.move(path, aside);
            } catch (IOException moveFailure) {
                e.addSuppressed(moveFailure);
            }
            org.slf4j.LoggerFactory.getLogger(JsonStateFile.class)
                    .error(
                            "State file {} is not valid JSON ({}); moved it to {} and started empty",
                            path,
                            e.getOriginalMessage(),
                            aside);
            return empty.get();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    public void save(T value) {
        AtomicFiles.write(path, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }
}
