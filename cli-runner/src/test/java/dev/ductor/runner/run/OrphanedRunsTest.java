package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedRunsTest {

    @TempDir
    Path state;

    private Process cli;

    @AfterEach
    void killTheCli() {
        if (cli != null) {
            cli.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    private Process startCliInItsOwnGroup() throws Exception {
        return new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & wait")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    @Test
    void aRunnerStartingAfterOneThatDiedEndsTheClisItLeftBehind() throws Exception {
        cli = startCliInItsOwnGroup();
        ProcessHandle child =
                await().until(() -> cli.toHandle().children().findFirst().orElse(null), c -> c != null);
        // A runner JVM that no longer exists (pid far beyond any pid_max) recorded the CLI's group.
        Files.writeString(state.resolve("host-a-4194999.json"), """
                {"owner": {"pid": 4194999, "startedAt": null},
                 "runs": {"run-1": {"groupId": %d, "startedAt": null}}}
                """.formatted(cli.pid()));

        new OrphanedRuns(state, "host-a", ProcessHandle.current());

        await().atMost(Duration.ofSeconds(10)).until(() -> !cli.isAlive() && !child.isAlive());
        assertThat(state.resolve("host-a-4194999.json")).doesNotExist();
    }

    @Test
    void theClisOfALiveRunnerOrOfAnotherHostAreLeftAlone() throws Exception {
        cli = startCliInItsOwnGroup();
        long living = ProcessHandle.current().pid();
        Files.writeString(state.resolve("host-a-" + living + "0.json"), """
                {"owner": {"pid": %d, "startedAt": null}, "runs": {"run-1": {"groupId": %d, "startedAt": null}}}
                """.formatted(living, cli.pid()));
        Files.writeString(state.resolve("host-b-4194999.json"), """
                {"owner": {"pid": 4194999, "startedAt": null}, "runs": {"run-2": {"groupId": %d, "startedAt": null}}}
                """.formatted(cli.pid()));

        new OrphanedRuns(state, "host-a", ProcessHandle.current());

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(cli::isAlive);
    }

    @Test
    void recordsItsOwnRunsWhileTheyLive() throws Exception {
        cli = startCliInItsOwnGroup();
        var orphans = new OrphanedRuns(state, "host-a", ProcessHandle.current());
        Path mine = state.resolve("host-a-" + ProcessHandle.current().pid() + ".json");

        orphans.started("run-9", cli);
        assertThat(Files.readString(mine)).contains("run-9").contains(String.valueOf(cli.pid()));

        orphans.ended("run-9");
        assertThat(Files.readString(mine)).doesNotContain("run-9");
    }

    /** The record is bookkeeping on the turn's path: a disk that cannot take it must not fail the turn. */
    @Test
    void aRecordThatCannotBeWrittenDoesNotFailTheRun() throws Exception {
        cli = startCliInItsOwnGroup();
        var orphans = new OrphanedRuns(state, "host-a", ProcessHandle.current());
        Path mine = Files.createDirectories(
                state.resolve("host-a-" + ProcessHandle.current().pid() + ".json"));
        Files.writeString(mine.resolve("blocks-the-rename"), "x");

        orphans.started("run-9", cli);
        orphans.ended("run-9");

        try (var files = Files.list(state)) {
            assertThat(files).containsExactly(mine);
        }
    }
}
