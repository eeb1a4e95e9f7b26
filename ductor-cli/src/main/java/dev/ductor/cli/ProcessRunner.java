package dev.ductor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program ({@code systemctl}, {@code docker}, …); tests inject a recording one. */
public interface ProcessRunner {

    /** What a program did: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** How long {@link #run} waits before it ends the program (and its children): exit code 124. */
    Duration TIMEOUT = Duration.ofMinutes(5);

    /** Runs {@code command} and returns its exit code and output; a missing program gives exit code 127. */
    Result run(List<String> command);

    /** Runs {@code command} with the terminal's input and output (for {@code docker build}, {@code journalctl -f}). */
    int runAttached(List<String> command);

    /** The real one: starts the process and waits for it, at most {@link #TIMEOUT}. */
    static ProcessRunner system() {
        return system(TIMEOUT);
    }

    /** The real one, waiting at most {@code timeout}. */
    static ProcessRunner system(Duration timeout) {
        return new ProcessRunner() {
            @Override
            public Result run(List<String> command) {
                try {
                    Process process = new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .start();
                    process.getOutputStream().close();
                    // read beside the wait: a program that hangs (or a child that keeps the pipe open) must
                    // not stop the timeout from firing
                    CompletableFuture<String> output = new CompletableFuture<>();
                    Thread.ofVirtual().start(() -> output.complete(readAll(process)));
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        return new Result(124, output.getNow("") + "\n(timed out)");
                    }
                    return new Result(process.exitValue(), output.join());
                } catch (IOException e) {
                    return new Result(127, command.getFirst() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(130, "interrupted");
                }
            }

            private static String readAll(Process process) {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }

            @Override
            public int runAttached(List<String> command) {
                try {
                    return new ProcessBuilder(command).inheritIO().start().waitFor();
                } catch (IOException e) {
                    System.err.println(command.getFirst() + ": " + e.getMessage());
                    return 127;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 130;
                }
            }
        };
    }
}
