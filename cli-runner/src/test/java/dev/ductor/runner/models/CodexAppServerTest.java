package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.model.RunnerStatus.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour §4.3: Codex's models through {@code codex app-server}, with a fake server that prints a recorded
 * answer of the real codex 0.169.0 and then stays up (as the real one does) with a child of its own.
 */
class CodexAppServerTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheModelsWithTheirEffortsAndLeavesNoProcessBehind() throws Exception {
        Path answer =
                Path.of(getClass().getResource("/models/codex-app-server.jsonl").toURI());
        Path codex = server("cat '" + answer + "'");

        List<ModelInfo> models = lister(Duration.ofSeconds(20)).list(codex, Map.of("PATH", "/usr/bin:/bin"));

        assertThat(models)
                .containsExactly(
                        new ModelInfo(
                                "gpt-6.1-sol",
                                "GPT-6.1-Sol",
                                "Latest workhorse model for coding and everyday work.",
                                List.of("low", "medium", "high", "xhigh"),
                                "low",
                                true),
                        new ModelInfo(
                                "gpt-6-astra",
                                "GPT-6-Astra",
                                "Frontier intelligence for the most demanding work.",
                                List.of("medium", "max"),
                                "medium",
                                false),
                        new ModelInfo("legacy-mini", "Legacy Mini", "", List.of("medium"), "medium", false));
        assertThat(Files.readAllLines(tmp.resolve("requests")))
                .containsExactlyElementsOf(CodexAppServer.REQUESTS.lines().toList());
        assertGone();
    }

    @Test
    void aServerThatNeverAnswersIsEndedAtTheDeadline() throws Exception {
        Path codex = server("true");

        long started = System.nanoTime();
        assertThatThrownBy(() -> lister(Duration.ofMillis(800)).list(codex, Map.of("PATH", "/usr/bin:/bin")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer model/list");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertGone();
    }

    @Test
    void anErrorAnswerIsAFailureNotAnEmptyList() throws Exception {
        Path codex = server("echo '{\"id\":2,\"error\":{\"code\":-32600,\"message\":\"not logged in\"}}'");

        assertThatThrownBy(() -> lister(Duration.ofSeconds(20)).list(codex, Map.of("PATH", "/usr/bin:/bin")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not logged in");
        assertGone();
    }

    private CodexAppServer lister(Duration deadline) {
        return new CodexAppServer(deadline, () -> tmp);
    }

    /** A fake {@code codex}: checks its arguments, keeps the requests, answers with {@code answer}, stays up. */
    private Path server(String answer) throws IOException {
        Path script = tmp.resolve("codex");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = app-server ] || exit 9
                echo $$ > '%1$s/pids'
                sleep 300 &
                echo $! >> '%1$s/pids'
                head -n 2 > '%1$s/requests'
                %2$s
                sleep 300
                """.formatted(tmp, answer));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Every process of the fake server ends (a signalled one may take a moment to be gone). */
    private void assertGone() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> pids = Files.readAllLines(tmp.resolve("pids"));
        while (pids.stream().anyMatch(p -> running(p.strip())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (String pid : pids) {
            assertThat(running(pid.strip()))
                    .as("process " + pid + " still runs")
                    .isFalse();
        }
    }

    /** Alive and not a zombie waiting to be reaped by whoever adopted it. */
    private static boolean running(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }
}
