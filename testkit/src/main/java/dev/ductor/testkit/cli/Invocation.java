package dev.ductor.testkit.cli;

import java.util.List;
import java.util.Map;

/**
 * One recorded call of a {@link FakeCli}: its arguments (without the program name), what it read on
 * stdin, its full environment, its pid, the pid of the child it spawned (0 if none), and the content of each
 * file an option {@code --…-file PATH} named, by option (e.g. claude's {@code --append-system-prompt-file}; the
 * runner deletes such files after the turn).
 */
public record Invocation(
        int number,
        List<String> argv,
        String stdin,
        Map<String, String> env,
        long pid,
        long childPid,
        Map<String, String> files) {}
