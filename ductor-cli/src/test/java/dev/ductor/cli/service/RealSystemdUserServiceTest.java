package dev.ductor.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.cli.Console;
import dev.ductor.cli.ProcessRunner;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour §11.6 against the machine's real systemd user instance, when there is one (skipped otherwise):
 * a unit of a harmless command is installed, runs, stops and is removed again.
 */
class RealSystemdUserServiceTest {

    @TempDir
    Path tmp;

    @Test
    void aUserUnitReallyRunsAndIsRemovedAgain() {
        ProcessRunner processes = ProcessRunner.system();
        assumeTrue(
                processes
                        .run(List.of("systemctl", "--user", "show-environment"))
                        .ok(),
                "no systemd user instance on this machine");
        String name = "ductor-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path xdg = Path.of(System.getProperty("user.home"), ".config");
        var launch =
                new ServiceLaunch(tmp, List.of("/bin/sleep", "300"), Map.of("DUCTOR_HOME", tmp.toString()), Map.of());
        var console = new Console(
                new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        var service = new SystemdUserService(name, xdg, launch, processes, console, System.getProperty("user.name"));
        try {
            service.install();
            assertThat(processes
                            .run(List.of("systemctl", "--user", "is-active", name + ".service"))
                            .output()
                            .strip())
                    .isEqualTo("active");
            service.stop();
            assertThat(processes
                            .run(List.of("systemctl", "--user", "is-active", name + ".service"))
                            .output()
                            .strip())
                    .isEqualTo("inactive");
        } finally {
            if (service.installed()) {
                service.uninstall();
            }
        }
        assertThat(service.unitFile()).doesNotExist();
    }
}
