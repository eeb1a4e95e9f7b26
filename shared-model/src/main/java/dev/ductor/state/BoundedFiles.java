package dev.ductor.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams untrusted content (a file a user sent) to disk with a byte cap: into a temp file beside the
 * target, fsynced, then renamed over it, so the target is complete or absent; the temp file never
 * outlives a failure. Like {@link AtomicFiles}, for content that must not be held in memory.
 */
public final class BoundedFiles {

    private BoundedFiles() {}

    /** More bytes than allowed arrived; nothing was written. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("more than " + maxBytes + " bytes");
        }
    }

    /** Copies {@code in} to {@code target}, failing with {@link TooLargeException} past {@code maxBytes}. */
    public static long write(Path target, InputStream in, long maxBytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            long total = 0;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] chunk = new byte[64 * 1024];
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return total;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
