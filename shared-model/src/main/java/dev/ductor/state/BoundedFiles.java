package dev.ductor.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Streams untrusted content (a file a user sent) to disk with a byte cap, written as {@link AtomicFiles}
 * writes (the target is complete or absent, the temp file never outlives a failure), for content that
 * must not be held in memory.
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
        return AtomicFiles.replace(target, channel -> {
            long total = 0;
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
            return total;
        });
    }
}
