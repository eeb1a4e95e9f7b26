package dev.ductor.cli.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.7: `ductor upgrade` tells the running version and the way to upgrade this install. */
class UpgradeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void composeRunningGetsTheComposeSteps() {
        var session = new Session(tmp)
                .answer(command -> command.contains("compose")
                        ? new ProcessRunner.Result(0, "4f1c2a\n")
                        : new ProcessRunner.Result(0, "abc1234 2026-12-06 the last change\n"));

        assertThat(session.run("upgrade")).isZero();

        assertThat(session.out())
                .contains("Running version: none (the orchestrator does not answer on port 1)")
                .contains("at abc1234 2026-12-06 the last change")
                .contains("runs with docker compose")
                .contains("git pull && docker compose build && docker compose up -d");
    }

    @Test
    void anInstalledServiceGetsTheServiceSteps() throws Exception {
        var session = new Session(tmp);
        Path unit = tmp.resolve("xdg/systemd/user/ductor.service");
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, "[Unit]\n");
        session.env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());

        assertThat(session.run("upgrade")).isZero();

        assertThat(session.out()).contains("background service").contains("bin/ductor service start");
    }

    @Test
    void otherwiseThePlainJarSteps() {
        var session = new Session(tmp).answer(command -> new ProcessRunner.Result(1, ""));

        assertThat(session.run("upgrade")).isZero();

        assertThat(session.out()).contains("plain jars").contains("DUCTOR_REBUILD=1 bin/run-local");
    }
}
