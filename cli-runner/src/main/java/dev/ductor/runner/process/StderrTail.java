package dev.ductor.runner.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Future;

/** Drains a CLI's stderr (so it never blocks on a full pipe) and keeps its last lines for error reports. */
public final class StderrTail {

    private static final int MAX_LINES = 20;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Future<?> drainer;

    private StderrTail(InputStream stderr) {
        this.drainer = PipeThreads.start(null, () -> drain(stderr));
    }

    public static StderrTail of(InputStream stderr) {
        return new StderrTail(stderr);
    }

    private void drain(InputStream stderr) {
        try (var reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    lines.addLast(line.length() > 500 ? line.substring(0, 500) : line);
                    if (lines.size() > MAX_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is what we have
        }
    }

    /** The last lines, after waiting briefly for the stream to end. */
    public String text() {
        PipeThreads.await(drainer, Duration.ofSeconds(2));
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
