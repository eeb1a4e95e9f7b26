package dev.ductor.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader, or the same process after a crash, sees either the old content or the
 * new one, never a torn mix: write a temp file beside it, fsync, rename over, fsync the directory. A write
 * that fails (disk full, …) removes its temp file, so failures do not pile up half-written copies.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        try {
            replace(target, channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                return content.length;
            });
        } catch (IOException e) {
            throw new StateNotWritten(target, e);
        }
    }

    /** Puts a file's content into the temp file's channel; answers how many bytes it wrote. */
    @FunctionalInterface
    interface Content {
        long writeTo(FileChannel channel) throws IOException;
    }

    /**
     * The write itself, for content held in memory ({@link #write}) or streamed ({@link BoundedFiles}):
     * temp file beside the target, fsync, rename over it, fsync of the directory; the temp file never
     * outlives a failure, which is thrown as it came.
     */
    static long replace(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        long written;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written = content.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(dir);
        return written;
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some filesystems cannot fsync a directory; the rename is still atomic there.
        }
    }
}
