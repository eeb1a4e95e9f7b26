package dev.ductor.runner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliVersionsTest {

    @TempDir
    Path bin;

    @Test
    void readsTheFirstLineOfTheVersion() {
        var cli = FakeCli.in(bin)
                .named("claude")
                .respond(Response.lines("2.1.197 (Claude Code)"))
                .install();

        assertThat(new CliVersions(Duration.ofSeconds(10)).of(cli.executable())).contains("2.1.197 (Claude Code)");
    }

    @Test
    void aCliThatHangsOnVersionIsEndedWithEverythingItStarted() {
        var cli = FakeCli.in(bin)
                .named("codex")
                .respond(Response.lines("starting").spawnChild().hangs())
                .install();

        assertThat(new CliVersions(Duration.ofSeconds(2)).of(cli.executable())).isEmpty();

        var call = cli.invocations().getFirst();
        assertThat(call.childPid()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(call.pid()) && !alive(call.childPid()));
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
