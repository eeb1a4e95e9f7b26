package dev.ductor.testkit.cli;

import java.time.Duration;
import java.util.List;

/**
 * What one invocation of a {@link FakeCli} does: print {@code stdoutLines} with {@code delay} after each,
 * write {@code stderr}, optionally spawn a long-lived child (to test tree kill), optionally hang for
 * {@code hang}, then exit with {@code exitCode} — or, when {@code signal} is not 0, die of that signal
 * (sent to itself), as a CLI the kernel's OOM killer ends.
 */
public record Response(
        List<String> stdoutLines,
        Duration delay,
        String stderr,
        int exitCode,
        Duration hang,
        boolean withChild,
        int signal) {

    public Response {
        stdoutLines = List.copyOf(stdoutLines);
    }

    public static Response lines(String... lines) {
        return lines(List.of(lines));
    }

    public static Response lines(List<String> lines) {
        return new Response(lines, Duration.ZERO, "", 0, Duration.ZERO, false, 0);
    }

    /** The lines of a captured real stream on the classpath, e.g. {@code claude-hello.stream-json.jsonl}. */
    public static Response sample(String name) {
        return lines(FakeCli.sample(name));
    }

    public Response delay(Duration delay) {
        return new Response(stdoutLines, delay, stderr, exitCode, hang, withChild, signal);
    }

    public Response stderr(String text) {
        return new Response(stdoutLines, delay, text, exitCode, hang, withChild, signal);
    }

    public Response exitCode(int code) {
        return new Response(stdoutLines, delay, stderr, code, hang, withChild, signal);
    }

    /** Sleeps this long after the output (before exiting), so a stop or a timeout has something to kill. */
    public Response hang(Duration duration) {
        return new Response(stdoutLines, delay, stderr, exitCode, duration, withChild, signal);
    }

    /** Hangs for an hour: only a kill ends it. */
    public Response hangs() {
        return hang(Duration.ofHours(1));
    }

    /** Starts a background {@code sleep} child first; its pid is in {@link Invocation#childPid()}. */
    public Response spawnChild() {
        return new Response(stdoutLines, delay, stderr, exitCode, hang, true, signal);
    }

    /**
     * Instead of exiting, the fake kills itself with this signal after its output (and hang): {@code 9}
     * is a SIGKILL from outside, which a parent sees as death by signal (Java: exit value 128 + 9 = 137).
     */
    public Response killedBy(int signalNumber) {
        if (signalNumber <= 0 || signalNumber > 64) {
            throw new IllegalArgumentException("No signal " + signalNumber);
        }
        return new Response(stdoutLines, delay, stderr, exitCode, hang, withChild, signalNumber);
    }
}
