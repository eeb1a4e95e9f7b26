package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    private static List<BoundedLines.Line> read(String text, int max) throws IOException {
        var lines = new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<BoundedLines.Line> all = new ArrayList<>();
        for (BoundedLines.Line line; (line = lines.next()) != null; ) {
            all.add(line);
        }
        return all;
    }

    @Test
    void splitsLinesAndKeepsALastLineWithoutLineEnd() throws IOException {
        assertThat(read("one\r\ntwo\n\nthree", 100))
                .containsExactly(
                        new BoundedLines.Line("one", false),
                        new BoundedLines.Line("two", false),
                        new BoundedLines.Line("", false),
                        new BoundedLines.Line("three", false));
        assertThat(read("", 100)).isEmpty();
    }

    @Test
    void cutsALongLineAndGoesOnWithTheNext() throws IOException {
        assertThat(read("abcdefghij\nshort\n", 4))
                .containsExactly(new BoundedLines.Line("abcd", true), new BoundedLines.Line("shor", true));
        assertThat(read("abcd\nxy\n", 4))
                .containsExactly(new BoundedLines.Line("abcd", false), new BoundedLines.Line("xy", false));
    }

    /** 64 MiB on one line through a 1 MiB cap: read with bounded memory, the next line still arrives. */
    @Test
    void aHugeLineCostsAtMostTheCap() throws IOException {
        long huge = 64L * 1024 * 1024;
        InputStream stream = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return served <= huge ? 'x' : served == huge + 1 ? '\n' : served <= huge + 3 ? 'o' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        };
        var lines = new BoundedLines(stream, OutputPump.MAX_LINE_BYTES);

        BoundedLines.Line first = lines.next();
        assertThat(first.cut()).isTrue();
        assertThat(first.text()).hasSize(OutputPump.MAX_LINE_BYTES);
        assertThat(lines.next()).isEqualTo(new BoundedLines.Line("oo", false));
        assertThat(lines.next()).isNull();
    }
}
