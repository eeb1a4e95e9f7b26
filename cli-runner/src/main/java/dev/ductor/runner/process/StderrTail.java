package dev.ductor.runner.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Drains a CLI's stderr (so it never blocks on a full pipe) and keeps its last lines for error reports. */
public final class StderrTail {

    private static final int MAX_LINES = 20;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread drainer;

    private StderrTail(InputStream stderr) {
        this.drainer = Thread.ofPlatform().daemon().name("stderr").start(() -> drain(stderr));
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
        try {
            drainer.join(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
