package dev.ductor.runner.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals for a CLI started as the leader of its own process group (via {@code setsid}), so that its
 * helpers (the codex npm wrapper's native binary, gemini's relaunched node, tool commands) go with it.
 * Stop = SIGTERM to the group and every descendant, 2 s grace, then SIGKILL.
 */
public final class ProcessTree {

    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessTree() {}

    /** The command that runs {@code argv} as the leader of a new session and process group. */
    public static List<String> inOwnGroup(List<String> argv) {
        var command = new java.util.ArrayList<String>(argv.size() + 1);
        command.add("setsid");
        command.addAll(argv);
        return command;
    }

    public static void interrupt(Process process) {
        signalGroup(process.pid(), "INT");
    }

    /** SIGTERM to the tree, wait up to 2 s, then SIGKILL what is left; returns when the leader is gone. */
    public static void terminate(Process process) {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        signalGroup(process.pid(), "TERM");
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        boolean exited = waitFor(process, GRACE);
        if (!exited || descendants.stream().anyMatch(ProcessHandle::isAlive)) {
            signalGroup(process.pid(), "KILL");
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(5));
        }
    }

    /** SIGKILL to whatever is left of the group after its leader exited: a turn leaves no orphans. */
    public static void killLeftovers(long groupId) {
        signalGroup(groupId, "KILL");
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void signalGroup(long groupId, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + groupId)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("Cannot send SIG{} to process group {}: {}", signal, groupId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
