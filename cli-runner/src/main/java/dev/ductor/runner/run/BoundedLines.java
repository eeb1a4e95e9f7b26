package dev.ductor.runner.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a CLI's stdout, each cut at {@code maxBytes}: a CLI that prints a huge line (a dumped file, a
 * runaway tool output) costs the runner at most that much memory per line, never an OutOfMemoryError. The rest
 * of a cut line is read and dropped.
 */
final class BoundedLines {

    /** A line as read; {@code cut} when its end was dropped. */
    record Line(String text, boolean cut) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line end, or null at the end of the stream. */
    @Nullable
    Line next() throws IOException {
        var line = new ByteArrayOutputStream();
        boolean cut = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line(line, cut) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int room = maxBytes - line.size();
            int length = position - start;
            if (length > room) {
                cut = true;
            }
            line.write(buffer, start, Math.min(length, Math.max(room, 0)));
            if (position < limit) {
                position++;
                return line(line, cut);
            }
        }
    }

    private static Line line(ByteArrayOutputStream bytes, boolean cut) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return new Line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, cut);
    }
}
