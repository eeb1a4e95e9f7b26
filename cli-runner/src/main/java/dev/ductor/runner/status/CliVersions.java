package dev.ductor.runner.status;

import dev.ductor.runner.process.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@code <cli> --version}, first line, best effort with a short timeout, asked once per executable. */
final class CliVersions {

    private final Duration timeout;
    private final Map<Path, Optional<String>> cache = new ConcurrentHashMap<>();

    CliVersions(Duration timeout) {
        this.timeout = timeout;
    }

    Optional<String> of(Path executable) {
        return cache.computeIfAbsent(executable, this::ask);
    }

    private Optional<String> ask(Path executable) {
        try {
            // In its own process group, like a turn: a CLI that hangs on --version (or leaves a child
            // behind) is ended with everything it started, not just the process we spawned.
            Process process = new ProcessBuilder(
                            ProcessTree.inOwnGroup(java.util.List.of(executable.toString(), "--version")))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.killGroup(process.pid());
                return Optional.empty();
            }
            ProcessTree.killLeftovers(process.pid());
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return out.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .findFirst()
                    .filter(line -> process.exitValue() == 0)
                    .map(line -> line.length() <= 100 ? line : line.substring(0, 100));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
