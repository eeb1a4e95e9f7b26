package dev.ductor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real process runner: output and exit code, and a program that hangs is ended at the timeout. */
class ProcessRunnerTest {

    @Test
    void aProgramsOutputAndExitCodeAreReturned() {
        var result = ProcessRunner.system().run(List.of("sh", "-c", "echo hello; echo oops >&2; exit 3"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("hello", "oops");
    }

    @Test
    void aProgramThatHangsIsEndedAtTheTimeoutWithItsChildren() {
        long start = System.nanoTime();
        // the child keeps the output pipe open: reading to its end would wait for the child
        var result = ProcessRunner.system(Duration.ofMillis(500)).run(List.of("sh", "-c", "echo started; sleep 60"));

        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.output()).contains("(timed out)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aMissingProgramIs127() {
        assertThat(ProcessRunner.system().run(List.of("no-such-program-ductor")).exitCode())
                .isEqualTo(127);
    }
}
