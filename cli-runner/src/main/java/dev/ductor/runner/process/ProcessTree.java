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
    /**
     * A turn at most this long looks for leftovers only among the PIDs handed out since its CLI started: the
     * kernel would have to hand out every PID (32768 by default) in that time to wrap past the CLI's own.
     */
    static final Duration RECENT_ONLY = Duration.ofSeconds(10);
    /** Up to this many PIDs handed out since the CLI's, each is probed instead of listing {@code /proc}. */
    private static final int PROBE_LIMIT = 1024;

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

    /**
     * {@link #killLeftovers(long)} for the group of a CLI that ran {@code lasted}: a short turn checks only
     * the processes created after its CLI (PIDs are handed out in a cycle and every member of the group is a
     * descendant of its leader), not every process of the machine.
     */
    public static void killLeftovers(long groupId, Duration lasted) {
        boolean members = lasted.compareTo(RECENT_ONLY) < 0 ? groupHasMembersSince(groupId) : groupHasMembers(groupId);
        if (members) {
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
     * Whether any live process is in process group {@code groupId}; true when /proc cannot tell. Runs over
     * every process of the machine (after a long turn, and while a stopped group ends), so each {@code stat}
     * is read into one reused buffer and parsed in place (no string per file).
     */
    static boolean groupHasMembers(long groupId) {
        return groupHasMembers(groupId, pid -> true);
    }

    /**
     * {@link #groupHasMembers(long)} among the processes whose PID was handed out since the leader's: from
     * {@code groupId} (the leader's PID) on to the last PID handed out ({@code /proc/loadavg}), across the
     * wrap to the lowest PIDs if there was one. Reads every {@code stat} when the last PID is unknown.
     */
    static boolean groupHasMembersSince(long groupId) {
        long last = lastPid(Path.of("/proc/loadavg"));
        if (last < 0) {
            return groupHasMembers(groupId);
        }
        if (groupId <= last && last - groupId < PROBE_LIMIT) {
            // Few PIDs handed out since (an instant turn): open their stat files directly, no /proc listing.
            byte[] buffer = new byte[STAT_PREFIX];
            for (long pid = groupId; pid <= last; pid++) {
                if (groupOf(Path.of("/proc/" + pid + "/stat"), buffer) == groupId) {
                    return true;
                }
            }
            return false;
        }
        return groupHasMembers(groupId, pid -> handedOutBetween(pid, groupId, last));
    }

    /** Whether {@code pid} lies in the cycle of PIDs from {@code first} to {@code last}, both included. */
    static boolean handedOutBetween(long pid, long first, long last) {
        return first <= last ? pid >= first && pid <= last : pid >= first || pid <= last;
    }

    /** The last field of {@code /proc/loadavg}: the PID the kernel handed out last; -1 when unreadable. */
    static long lastPid(Path loadavg) {
        try {
            String text = Files.readString(loadavg).strip();
            return Long.parseLong(text.substring(text.lastIndexOf(' ') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean groupHasMembers(long groupId, java.util.function.LongPredicate candidate) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return true;
        }
        byte[] buffer = new byte[STAT_PREFIX];
        try (var entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid >= 0 && candidate.test(pid) && groupOf(entry.resolve("stat"), buffer) == groupId) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return true;
        }
    }

    /** The PID a {@code /proc} entry is named after; -1 for the other entries. */
    private static long pidOf(String name) {
        if (name.isEmpty() || name.length() > 18) {
            return -1;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
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
