package dev.ductor.gateway.telegram.outbound;

import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * The answer text of one open stream on disk, append-only, so persisting an append costs its delta, not the
 * answer so far (design "No message is ever lost" 5). Each record says "keep the first {@code offset}
 * characters, then add these": {@code offset} (int), the number of characters (int), the characters as
 * UTF-16 code units (lone surrogates of a delta cut mid-pair survive exactly), a CRC-32 of all that (int).
 * Every record is fsynced before {@link #save} returns. At load, a torn or corrupt tail (a crash mid-write)
 * is cut off: what a returned {@link #save} promised is before it. When the file grows past twice the text
 * (rewrites) plus {@link #SLACK} it is compacted into one record, atomically. Not thread-safe: the stream's
 * monitor guards it.
 */
final class StreamJournal {

    /** Bytes a journal may hold beyond twice its text before it is compacted. */
    static final long SLACK = 64 * 1024;

    private static final int HEADER = 8;
    private static final int TRAILER = 4;

    private final Path file;
    /** The text the file holds now. */
    private String persisted;
    /** The file's length now. */
    private long size;
    /** Where the bytes written to disk are counted, compactions included. */
    private final LongAdder written;

    private StreamJournal(Path file, String persisted, long size, LongAdder written) {
        this.file = file;
        this.persisted = persisted;
        this.size = size;
        this.written = written;
    }

    /** The journal at {@code file}: its text read back, a torn tail cut off; empty when there is no file. */
    static StreamJournal open(Path file, LongAdder written) {
        if (!Files.isRegularFile(file)) {
            return new StreamJournal(file, "", 0, written);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        StringBuilder text = new StringBuilder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int valid = 0;
        while (in.remaining() >= HEADER + TRAILER) {
            int start = in.position();
            int offset = in.getInt();
            int chars = in.getInt();
            if (offset < 0 || offset > text.length() || chars < 0 || in.remaining() < 2L * chars + TRAILER) {
                break;
            }
            char[] delta = new char[chars];
            in.asCharBuffer().get(delta);
            in.position(in.position() + 2 * chars);
            int crc = in.getInt();
            if (crc != crc(bytes, start, HEADER + 2 * chars)) {
                break;
            }
            text.setLength(offset);
            text.append(delta);
            valid = in.position();
        }
        StreamJournal journal = new StreamJournal(file, text.toString(), valid, written);
        if (valid < bytes.length) {
            journal.truncate(valid); // the torn tail of a crash mid-write: the next record goes after the valid ones
        }
        return journal;
    }

    /** The text on disk. */
    String text() {
        return persisted;
    }

    /**
     * Makes the file hold {@code text}: one record from where it departs from what is on disk, fsynced
     * (nothing when they are equal). Throws {@link UncheckedIOException} when the disk refuses it; the file
     * then still holds the previous text, and the next save writes what is missing.
     */
    void save(String text) {
        int from = commonPrefix(persisted, text);
        if (from == persisted.length() && from == text.length()) {
            return;
        }
        if (size > 2L * 2 * text.length() + SLACK) {
            compact(text);
            return;
        }
        byte[] record = record(from, text.substring(from));
        try {
            boolean created = size == 0;
            if (created) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                if (channel.size() != size) {
                    channel.truncate(size); // a record half written by a failed save before
                }
                ByteBuffer buffer = ByteBuffer.wrap(record);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            if (created) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        written.add(record.length);
        size += record.length;
        persisted = text;
    }

    /** The whole text as one record, replacing the file atomically. */
    private void compact(String text) {
        byte[] record = record(0, text);
        AtomicFiles.write(file, record);
        written.add(record.length);
        size = record.length;
        persisted = text;
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
        persisted = "";
        size = 0;
    }

    private void truncate(long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot cut the torn tail of " + file, e);
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot fsync a directory
        }
    }

    private static byte[] record(int offset, String delta) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + 2 * delta.length() + TRAILER);
        out.putInt(offset).putInt(delta.length());
        out.asCharBuffer().put(delta);
        out.position(HEADER + 2 * delta.length());
        out.putInt(crc(out.array(), 0, HEADER + 2 * delta.length()));
        return out.array();
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    /** Where {@code b} departs from {@code a} (records hold code units, so a surrogate pair may be cut). */
    private static int commonPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int i = b.startsWith(a) ? a.length() : 0;
        while (i < max && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
