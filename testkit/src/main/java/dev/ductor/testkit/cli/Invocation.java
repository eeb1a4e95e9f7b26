package dev.ductor.testkit.cli;

import java.util.List;
import java.util.Map;

/**
 * One recorded call of a {@link FakeCli}: its arguments (without the program name), what it read on
 * stdin, its full environment, its pid, and the pid of the child it spawned (0 if none).
 */
public record Invocation(
        int number, List<String> argv, String stdin, Map<String, String> env, long pid, long childPid) {}
