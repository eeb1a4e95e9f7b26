package dev.ductor.runner.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Enough of /proc/PID/stat for field 5: the command name before it is at most 64 bytes. */
    private static final int STAT_PREFIX = 512;

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

    /**
     * SIGKILL to whatever is left of the group after its leader exited: a turn leaves no orphans. The group
     * is looked up in {@code /proc} first, so the common case (nothing left) costs no extra process.
     */
    public static void killLeftovers(long groupId) {
        if (groupHasMembers(groupId)) {
            signalGroup(groupId, "KILL");
        }
    }

    /** SIGTERM to a whole process group, then SIGKILL to what is left after the grace period. */
    public static void killGroup(long groupId) {
        signalGroup(groupId, "TERM");
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (groupHasMembers(groupId) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        killLeftovers(groupId);
    }

    /**
     * Whether any live process is in process group {@code groupId}; true when /proc cannot tell. Runs after
     * every turn over every process of the machine, so each {@code stat} is read into one reused buffer and
     * parsed in place (no string per file).
     */
    static boolean groupHasMembers(long groupId) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return true;
        }
        byte[] buffer = new byte[STAT_PREFIX];
        try (var entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty()
                        && Character.isDigit(name.charAt(0))
                        && groupOf(entry.resolve("stat"), buffer) == groupId) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return true;
        }
    }

    /**
     * Field 5 (the process group) of /proc/PID/stat, after the parenthesised command name, which may contain
     * spaces and parentheses; -1 for a zombie or a process gone meanwhile.
     */
    static long groupOf(Path stat, byte[] buffer) {
        int length;
        try (var in = Files.newInputStream(stat)) {
            length = in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            return -1;
        }
        int i = length - 1;
        while (i >= 0 && buffer[i] != ')') {
            i--;
        }
        i += 2; // the state
        if (i <= 1 || i >= length || buffer[i] == 'Z') {
            return -1;
        }
        for (int spaces = 0; i < length && spaces < 2; i++) {
            if (buffer[i] == ' ') {
                spaces++;
            }
        }
        long group = 0;
        int digits = 0;
        for (; i < length && buffer[i] >= '0' && buffer[i] <= '9'; i++, digits++) {
            group = group * 10 + (buffer[i] - '0');
        }
        return digits == 0 ? -1 : group;
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
