package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A command-line tool the deploy tests use when it is installed (promtool, docker-compose). */
record Tool(Path executable) {

    /** What a run printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {}

    static Optional<Tool> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Tool(candidate));
            }
        }
        return Optional.empty();
    }

    /** The tool, or the test is skipped with a message that names the Debian package to install. */
    static Tool required(String name, String debianPackage, String purpose) {
        Optional<Tool> found = onPath(name);
        assumeTrue(
                found.isPresent(),
                () -> name + " is not on the PATH: install Debian's `" + debianPackage + "` package to " + purpose
                        + ". Skipping.");
        return found.orElseThrow();
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(2), args);
    }

    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS))
                .as(command + " finished")
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    /** Runs and expects exit code 0; returns the output. */
    String succeed(String... args) throws IOException, InterruptedException {
        return succeed(Duration.ofMinutes(2), args);
    }

    String succeed(Duration timeout, String... args) throws IOException, InterruptedException {
        Result result = run(timeout, args);
        assertThat(result.exitCode())
                .as(executable + " " + String.join(" ", args) + "\n" + result.output())
                .isZero();
        return result.output();
    }
}
