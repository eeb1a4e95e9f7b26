package dev.ductor.runner.run;

import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.runner.provider.RunErrors;
import dev.ductor.runner.provider.StreamEvent;
import dev.ductor.stream.StreamText;
import org.jspecify.annotations.Nullable;

/** What a run learned from its stream so far, and how that becomes the one {@link RunFinished}. */
final class TurnState {

    /** The answer kept of a turn, in characters; the rest is dropped and the answer ends in {@link #TRUNCATED}. */
    static final int MAX_ANSWER_CHARS = StreamText.MAX_CHARS;

    static final String TRUNCATED = StreamText.TRUNCATED;

    /** The streamed answer: the text blocks separated by blank lines, capped. */
    private final StringBuilder text = new StringBuilder();

    private boolean truncated;
    /** The answer reached {@link #MAX_ANSWER_CHARS}: nothing more is kept. */
    private boolean capped;
    /** Where the text block being streamed as deltas begins (its separator), -1 when none is. */
    private int deltaBlockAt = -1;
    /** Where that block's own text begins (after the separator). */
    private int deltaTextAt;

    private volatile @Nullable String sessionId;
    private volatile StreamEvent.@Nullable Result result;

    synchronized void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.SessionStarted s -> sessionId = s.sessionId();
            case StreamEvent.Result r -> {
                result = r;
                if (r.sessionId() != null) {
                    sessionId = r.sessionId();
                }
            }
            default -> {}
        }
    }

    /** A piece of the streamed answer: {@code text} starts at {@code offset} (behaviour §3.11). */
    record Piece(long offset, String text) {}

    /**
     * Adds one whole text block of the answer (separated from the one before by a blank line) and returns
     * the part of the streamed answer it adds; null when nothing is added. When deltas of this block were
     * streamed, the block is authoritative: only what they lacked is added, or, when it differs from them,
     * the block replaces them from where the block starts (the piece then overlaps what was streamed, and
     * the gateway's rule lets it win).
     */
    synchronized @Nullable Piece keep(String block) {
        if (deltaBlockAt < 0) {
            return block.isEmpty() ? null : add(text.length(), (text.isEmpty() ? "" : "\n\n") + block);
        }
        int at = deltaBlockAt;
        deltaBlockAt = -1;
        String streamed = text.substring(deltaTextAt);
        if (capped || block.isEmpty() || block.equals(streamed)) {
            return null;
        }
        if (block.startsWith(streamed)) {
            return add(text.length(), block.substring(streamed.length()));
        }
        return add(at, text.substring(at, deltaTextAt) + block);
    }

    /**
     * Adds a piece of the text block being written (a new block begins with a blank line after the one
     * before) and returns the part of the streamed answer it adds; null when nothing is added.
     */
    synchronized @Nullable Piece delta(String piece) {
        if (capped || piece.isEmpty()) {
            return null;
        }
        if (deltaBlockAt < 0) {
            deltaBlockAt = text.length();
            String separator = text.isEmpty() ? "" : "\n\n";
            deltaTextAt = deltaBlockAt + separator.length();
            return add(deltaBlockAt, separator + piece);
        }
        return add(text.length(), piece);
    }

    /** The text block being written ended without a whole {@link #keep} of it (a tool use followed). */
    synchronized void endBlock() {
        deltaBlockAt = -1;
    }

    /** Puts {@code piece} at {@code offset} (the end, or earlier to replace), within the cap. */
    private @Nullable Piece add(int offset, String piece) {
        if (capped) {
            return null;
        }
        text.setLength(offset);
        int room = MAX_ANSWER_CHARS - offset;
        if (piece.length() > room) {
            piece = piece.substring(0, Math.max(room, 0)) + TRUNCATED;
            capped = true;
            truncated = true;
            deltaBlockAt = -1;
        }
        text.append(piece);
        return new Piece(offset, piece);
    }

    /**
     * Records that output was lost (a cut line): the streamed answer says so where it happened, once.
     * Returns the piece that adds the marker, null when it was already said.
     */
    synchronized @Nullable Piece markTruncated() {
        if (truncated) {
            return null;
        }
        truncated = true;
        deltaBlockAt = -1;
        return add(text.length(), (text.isEmpty() ? "" : "\n\n") + TRUNCATED.strip());
    }

    synchronized boolean truncated() {
        return truncated;
    }

    private String capped(String answer) {
        boolean over = answer.length() > MAX_ANSWER_CHARS;
        String kept = over ? answer.substring(0, MAX_ANSWER_CHARS) : answer;
        return over || truncated ? kept + TRUNCATED : kept;
    }

    /** Exit status of a process that died of SIGKILL (128 + 9), as Java reports it. */
    static final int SIGKILLED = 137;

    /**
     * The one {@code RunFinished}: a stop or timeout of ours first; then a SIGKILL we did not send
     * ({@code killed}: the orchestrator retries once in a fresh session); then the CLI's own result; then a
     * silent exit ({@code silentExitError}, null = success) or a failed one (stderr, text, exit code).
     */
    synchronized RunFinished finish(
            String runId,
            String cli,
            @Nullable StopReason stopped,
            int exitCode,
            long wallMs,
            String stderrTail,
            long elapsedSeconds,
            @Nullable String silentExitError) {
        StreamEvent.Result r = result;
        String resultText = r != null && !r.text().isBlank() ? capped(r.text()) : text.toString();
        double cost = r == null ? 0 : r.costUsd();
        long tokens = r == null ? 0 : r.totalTokens();
        long durationMs = r != null && r.durationMs() > 0 ? r.durationMs() : wallMs;
        Outcome outcome;
        String error = null;
        if (stopped != null) {
            outcome = stopped.outcome;
            if (stopped == StopReason.TIMEOUT) {
                error = "timeout: the CLI was terminated after " + elapsedSeconds + " s";
            } else if (stopped == StopReason.SHUTDOWN) {
                error = "shutdown: the runner shut down during the turn";
            }
            resultText = stopped == StopReason.TIMEOUT ? resultText : "";
        } else if (exitCode == SIGKILLED && (r == null || r.isError())) {
            outcome = Outcome.ERROR;
            error = "killed: " + cli + " was killed (SIGKILL) before it finished";
        } else if (r != null) {
            outcome = r.isError() ? Outcome.ERROR : Outcome.SUCCESS;
            error = r.isError() ? RunErrors.classify(r.error() == null ? r.text() : r.error()) : null;
        } else if (exitCode == 0 && silentExitError == null) {
            outcome = Outcome.SUCCESS;
        } else if (exitCode == 0) {
            outcome = Outcome.ERROR;
            error = RunErrors.classify(silentExitError);
        } else {
            outcome = Outcome.ERROR;
            if (!stderrTail.isBlank()) {
                error = RunErrors.classify(stderrTail, lastLine(stderrTail));
            } else {
                error = RunErrors.classify(!text.isEmpty() ? text.toString() : cli + " exited with code " + exitCode);
            }
        }
        return new RunFinished(runId, outcome, resultText, sessionId, cost, tokens, durationMs, exitCode, error);
    }

    /** The last line that mentions an error (stderr ends in backtraces and warnings), else the last line. */
    private static String lastLine(String text) {
        var lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.reversed().stream()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error"))
                .findFirst()
                .orElse(lines.isEmpty() ? text : lines.getLast());
    }
}
