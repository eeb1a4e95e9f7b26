package dev.ductor.runner.run;

import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.runner.provider.RunErrors;
import dev.ductor.runner.provider.StreamEvent;
import org.jspecify.annotations.Nullable;

/** What a run learned from its stream so far, and how that becomes the one {@link RunFinished}. */
final class TurnState {

    /** The answer kept of a turn, in characters; the rest is dropped and the answer ends in {@link #TRUNCATED}. */
    static final int MAX_ANSWER_CHARS = 256 * 1024;

    static final String TRUNCATED = "\n\n[output truncated]";

    private final StringBuilder text = new StringBuilder();
    private boolean truncated;
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

    /**
     * Adds a piece of the answer and returns the part of it that was kept: all of it up to {@link
     * #MAX_ANSWER_CHARS} in total, nothing after that (the answer is then {@link #truncated()}).
     */
    synchronized String keep(String piece) {
        int room = MAX_ANSWER_CHARS - text.length();
        if (piece.length() <= room) {
            text.append(piece);
            return piece;
        }
        String kept = piece.substring(0, Math.max(room, 0));
        text.append(kept);
        truncated = true;
        return kept;
    }

    /** Records that output was lost; returns true the first time. */
    synchronized boolean markTruncated() {
        boolean first = !truncated;
        truncated = true;
        return first;
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
        String resultText = capped(r != null && !r.text().isBlank() ? r.text() : text.toString());
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
