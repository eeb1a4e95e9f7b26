package dev.ductor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonStateFile} whose changes are appended to a log beside it ({@code <name>.log}, one JSON line
 * each, fsynced) instead of rewriting the whole file each time: a change costs one short append, not a
 * rewrite that grows with the state (a window of thousands of keys rewritten several times per turn was the
 * largest CPU cost of a turn, docs/benchmarks/load.md). Once the log holds more changes than the state has
 * entries (at least {@link #MIN_CHANGES}), the state is written whole again and the log emptied, so a
 * change costs amortised O(1) and the log stays as short as the state.
 *
 * <p>A change is durable when {@link #append} returns, as a {@link JsonStateFile#save} was. At start the owner
 * loads the snapshot, {@link #replay}s the log onto it and calls {@link #open}, which writes the result whole
 * and empties the log. A last line cut short by a crash is a change whose append never returned, so it is
 * dropped. A crash between writing the whole state and emptying the log replays changes the state already
 * holds: {@code apply} must be idempotent (a put, a remove, a phase that only moves forward).
 *
 * <p>Like {@link JsonStateFile} it has a single writer: its owner calls it under its own lock.
 *
 * <p>An append that fails leaves the state in memory ahead of the disk (the owner may keep it, as a change
 * that promised nothing): the next change then writes the whole state rather than append, so it carries the
 * one that failed, as a whole-file save did.
 */
public final class LoggedStateFile<T, C> {

    /** The fewest changes the log holds before the state is written whole again. */
    public static final int MIN_CHANGES = 64;

    private static final Logger log = LoggerFactory.getLogger(LoggedStateFile.class);

    private final JsonStateFile<T> snapshot;
    private final Path path;
    private final JsonMapper mapper;
    private final Class<C> changeType;
    private final BiConsumer<T, C> apply;
    private final ToIntFunction<T> entries;
    private int changes;
    private boolean behind;

    /**
     * @param apply applies one change to the state, idempotently
     * @param entries the state's size, which sets how long the log may grow
     */
    public LoggedStateFile(
            JsonStateFile<T> snapshot,
            JsonMapper mapper,
            Class<C> changeType,
            BiConsumer<T, C> apply,
            ToIntFunction<T> entries) {
        this.snapshot = snapshot;
        this.path = snapshot.path().resolveSibling(snapshot.path().getFileName() + ".log");
        this.mapper = mapper;
        this.changeType = changeType;
        this.apply = apply;
        this.entries = entries;
    }

    public JsonStateFile<T> snapshot() {
        return snapshot;
    }

    public Path path() {
        return path;
    }

    /**
     * Applies the logged changes to {@code state} (the snapshot as loaded), in order; a line that does not
     * parse ends the replay (a torn last line; anything after it is reported and dropped).
     */
    public T replay(T state) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        int applied = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                log.warn("{} ends in a line cut short (a crash while appending); dropped it", path);
                break;
            }
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                apply.accept(state, mapper.readValue(line, changeType));
                applied++;
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn(
                        "{}: change {} does not parse ({}); it and the {} bytes after it are dropped",
                        path,
                        applied + 1,
                        e.getMessage(),
                        text.length() - start);
                break;
            }
        }
        changes = applied;
        return state;
    }

    /**
     * Ready for appends with {@code state} (the replayed, repaired state) as the last one written: writes it
     * whole and empties the log when the log held anything; if that fails, the first change writes it whole.
     */
    public void open(T state) {
        if (changes == 0 && !Files.exists(path)) {
            return;
        }
        try {
            writeWhole(state);
        } catch (StateNotWritten e) {
            behind = true;
            log.warn("{} not written whole at start ({}); the next change writes it", snapshot.path(), e.getMessage());
        }
    }

    /**
     * Makes {@code change}, already applied to {@code state}, durable: one line appended to the log and fsynced
     * (or the whole state, see the class comment).
     *
     * @throws StateNotWritten when it could not be written; nothing of it is then on disk
     */
    public void append(C change, T state) {
        if (behind) {
            writeWhole(state);
            return;
        }
        byte[] line = lineOf(change);
        try {
            appendLine(line);
        } catch (IOException e) {
            behind = true;
            throw new StateNotWritten(path, e);
        }
        changes++;
        if (changes > Math.max(MIN_CHANGES, entries.applyAsInt(state))) {
            try {
                writeWhole(state);
            } catch (StateNotWritten e) {
                // The change is in the log; writing the whole state is tried again after the next one.
                log.warn(
                        "{} not written whole ({}); the log keeps growing until it is",
                        snapshot.path(),
                        e.getMessage());
            }
        }
    }

    /** The whole state written (atomically, as {@link JsonStateFile#save}), then the log emptied. */
    private void writeWhole(T state) {
        snapshot.save(state);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.force(true);
        } catch (NoSuchFileException e) {
            // No log yet: nothing to empty.
        } catch (IOException e) {
            // The state is whole on disk; the log's changes are in it, and replaying them again is harmless.
            log.warn("Cannot empty {} ({}); its changes are replayed again at the next start", path, e.toString());
        }
        changes = 0;
        behind = false;
    }

    private byte[] lineOf(C change) {
        byte[] json = mapper.writeValueAsBytes(change);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /**
     * Opened for each change, not held open: a log whose directory went away (or a disk that fails) fails the
     * change rather than write into a file nobody will read. A part of the line written before a failure is
     * cut off again, so the log ends in whole lines.
     */
    private void appendLine(byte[] line) throws IOException {
        try (FileChannel channel = openLog()) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            } catch (IOException e) {
                try {
                    channel.truncate(before);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
        }
    }

    private FileChannel openLog() throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (NoSuchFileException e) {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel created = FileChannel.open(
                    path, StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            AtomicFiles.syncDirectory(path.toAbsolutePath().getParent()); // the new file's name is durable too
            return created;
        }
    }
}
