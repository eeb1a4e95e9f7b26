package dev.ductor.testkit.cli;

import java.time.Duration;
import java.util.List;

/**
 * What one invocation of a {@link FakeCli} does: print {@code stdoutLines} with {@code delay} after each,
 * write {@code stderr}, optionally spawn a long-lived child (to test tree kill), optionally hang for
 * {@code hang}, then exit with {@code exitCode} — or, when {@code signal} is not 0, die of that signal
 * (sent to itself), as a CLI the kernel's OOM killer ends. When {@code holdAfter} is not negative, it stops
 * after that many lines until the test {@link FakeCli#release releases} the call, or gives up after
 * {@code holdLimit} (exit 124, a message on stderr), so a test that forgets the release cannot hang CI.
 * When {@code toolCommand} is not empty, the fake first runs it in its working directory with its own
 * environment, as a real CLI runs a shell tool call the model asked for (its output and exit status are
 * recorded with the call, {@link FakeCli#toolOutput}).
 */
public record Response(
        List<String> stdoutLines,
        Duration delay,
        String stderr,
        int exitCode,
        Duration hang,
        boolean withChild,
        int signal,
        int holdAfter,
        Duration holdLimit,
        List<String> toolCommand) {

    /** How long a held call waits for its release before it gives up. */
    public static final Duration HOLD_LIMIT = Duration.ofMinutes(2);

    private static final int NOT_HELD = -1;

    public Response {
        stdoutLines = List.copyOf(stdoutLines);
        toolCommand = List.copyOf(toolCommand);
    }

    public static Response lines(String... lines) {
        return lines(List.of(lines));
    }

    public static Response lines(List<String> lines) {
        return new Response(lines, Duration.ZERO, "", 0, Duration.ZERO, false, 0, NOT_HELD, HOLD_LIMIT, List.of());
    }

    /** The lines of a captured real stream on the classpath, e.g. {@code claude-hello.stream-json.jsonl}. */
    public static Response sample(String name) {
        return lines(FakeCli.sample(name));
    }

    public Response delay(Duration delay) {
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, withChild, signal, holdAfter, holdLimit, toolCommand);
    }

    public Response stderr(String text) {
        return new Response(
                stdoutLines, delay, text, exitCode, hang, withChild, signal, holdAfter, holdLimit, toolCommand);
    }

    public Response exitCode(int code) {
        return new Response(
                stdoutLines, delay, stderr, code, hang, withChild, signal, holdAfter, holdLimit, toolCommand);
    }

    /** Sleeps this long after the output (before exiting), so a stop or a timeout has something to kill. */
    public Response hang(Duration duration) {
        return new Response(
                stdoutLines, delay, stderr, exitCode, duration, withChild, signal, holdAfter, holdLimit, toolCommand);
    }

    /** Hangs for an hour: only a kill ends it. */
    public Response hangs() {
        return hang(Duration.ofHours(1));
    }

    /** Starts a background {@code sleep} child first; its pid is in {@link Invocation#childPid()}. */
    public Response spawnChild() {
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, true, signal, holdAfter, holdLimit, toolCommand);
    }

    /**
     * Instead of exiting, the fake kills itself with this signal after its output (and hang): {@code 9}
     * is a SIGKILL from outside, which a parent sees as death by signal (Java: exit value 128 + 9 = 137).
     */
    public Response killedBy(int signalNumber) {
        if (signalNumber <= 0 || signalNumber > 64) {
            throw new IllegalArgumentException("No signal " + signalNumber);
        }
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, withChild, signalNumber, holdAfter, holdLimit, toolCommand);
    }

    /**
     * Waits for the test's {@link FakeCli#release release} before the first line: the call has started
     * (the process runs, its invocation is recorded) but has not answered yet.
     */
    public Response untilReleased() {
        return heldAfter(0);
    }

    /** Prints the first {@code lines} lines, then waits for the test's {@link FakeCli#release release}. */
    public Response heldAfter(int lines) {
        if (lines < 0 || lines > stdoutLines.size()) {
            throw new IllegalArgumentException("Cannot hold after line " + lines + " of " + stdoutLines.size());
        }
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, withChild, signal, lines, holdLimit, toolCommand);
    }

    /** A held call not released within {@code limit} gives up: exit 124, a message on stderr. */
    public Response holdLimit(Duration limit) {
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, withChild, signal, holdAfter, limit, toolCommand);
    }

    /** Runs this command (argv, in the CLI's working directory) before answering, as a shell tool call. */
    public Response runsTool(String... argv) {
        return new Response(
                stdoutLines, delay, stderr, exitCode, hang, withChild, signal, holdAfter, holdLimit, List.of(argv));
    }
}
