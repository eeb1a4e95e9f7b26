package dev.ductor.cli.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code bin/run-local} of this ductor home, found by the PID file it writes ({@code DUCTOR_HOME/bot.pid},
 * ductor's name). A PID is believed only while it names a live process whose command line runs
 * {@code run-local}: a stale file, or a PID the system gave to another program since, is no ductor.
 */
public final class RunLocalProcess {

    static final String PID_FILE = "bot.pid";

    private final ProcessHandle process;

    private RunLocalProcess(ProcessHandle process) {
        this.process = process;
    }

    /** The running {@code bin/run-local} of {@code home}, if there is one. */
    public static Optional<RunLocalProcess> find(Path home) {
        Path file = home.resolve(PID_FILE);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(RunLocalProcess::runsRunLocal)
                .map(RunLocalProcess::new);
    }

    private static boolean runsRunLocal(ProcessHandle handle) {
        return handle.info()
                .commandLine()
                .or(() -> handle.info().arguments().map(args -> String.join(" ", args)))
                .map(line -> line.contains("run-local"))
                .orElse(false);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Asks it to stop (TERM: it stops its services gracefully, a runner reports its cut-off turns) and waits up
     * to {@code grace}; what still lives then — it and every process it started — is killed. Whether it had
     * ended by itself.
     */
    public boolean stop(Duration grace) {
        var descendants = process.descendants().toList();
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                process.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // still waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean graceful = !process.isAlive();
        if (!graceful) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return graceful;
    }
}
