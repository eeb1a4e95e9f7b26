package dev.ductor.runner.run;

import dev.ductor.model.RunOutput;
import dev.ductor.model.RunOutput.Kind;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.StreamDecoder;
import dev.ductor.runner.provider.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a CLI's stdout line by line, decodes it, keeps the turn state and publishes each visible piece. */
final class OutputPump {

    private static final Logger log = LoggerFactory.getLogger(OutputPump.class);

    /** A longer stdout line is cut (its end dropped): one line costs at most this much memory. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final String runId;
    private final ProviderCli cli;
    private final StreamDecoder decoder;
    private final TurnState state;
    private final RunEvents events;
    private final RunMetrics metrics;
    private final long start;
    private long seq;
    private volatile Runnable onActivity = () -> {};

    OutputPump(String runId, ProviderCli cli, TurnState state, RunEvents events, RunMetrics metrics, long start) {
        this.runId = runId;
        this.cli = cli;
        this.decoder = cli.decoder();
        this.state = state;
        this.events = events;
        this.metrics = metrics;
        this.start = start;
    }

    /**
     * Called for every visible piece of output (text, tool, status): the deadline extends on activity. The
     * session start and noise such as codex's endless "Reconnecting…" errors when the server is unreachable
     * do not count.
     */
    void onActivity(Runnable listener) {
        this.onActivity = listener;
    }

    /** A status of the runner itself (e.g. a timeout warning), in sequence with the CLI's output. */
    void status(String status) {
        emit(Kind.STATUS, status);
    }

    StreamDecoder decoder() {
        return decoder;
    }

    void pump(InputStream stdout) {
        try (stdout) {
            var lines = new BoundedLines(stdout, MAX_LINE_BYTES);
            for (BoundedLines.Line line; (line = lines.next()) != null; ) {
                if (line.cut()) {
                    log.warn(
                            "Run {}: {} printed a line over {} bytes; its end was dropped",
                            runId,
                            cli.name(),
                            MAX_LINE_BYTES);
                    truncated();
                }
                decoder.decode(line.text()).forEach(this::handle);
            }
        } catch (IOException e) {
            log.debug("stdout of run {} closed: {}", runId, e.getMessage());
        }
        decoder.finish().forEach(this::handle);
    }

    private void handle(StreamEvent event) {
        state.accept(event);
        if (event instanceof StreamEvent.Text
                || event instanceof StreamEvent.TextDelta
                || event instanceof StreamEvent.ToolUse
                || event instanceof StreamEvent.Status) {
            onActivity.run();
        }
        switch (event) {
            case StreamEvent.Text t -> emit(state.keep(t.text()));
            case StreamEvent.TextDelta d -> emit(state.delta(d.text()));
            case StreamEvent.ToolUse t -> {
                state.endBlock();
                emit(Kind.TOOL, t.toolName());
            }
            case StreamEvent.Status s -> emit(Kind.STATUS, s.status());
            default -> {}
        }
    }

    /** Output was lost (a cut line): the answer says so, once. */
    private void truncated() {
        emit(state.markTruncated());
    }

    private void emit(TurnState.@Nullable Piece piece) {
        if (piece != null) {
            emit(Kind.TEXT, piece.offset(), piece.text());
        }
    }

    private void emit(Kind kind, String text) {
        emit(kind, 0, text);
    }

    private synchronized void emit(Kind kind, long offset, String text) {
        seq++;
        if (seq == 1) {
            metrics.firstOutput(cli.name(), Duration.ofNanos(System.nanoTime() - start));
        }
        try {
            events.publish(runId, new RunOutput(runId, seq, kind, offset, text), runId + ":" + seq);
        } catch (RuntimeException e) {
            log.error("Cannot publish output {} of run {}: {}", seq, runId, e.toString());
        }
    }
}
