package dev.ductor.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.6: `ductor service …` with a systemd user unit (Linux) or a launchd agent (macOS). */
class ServiceCommandTest {

    @TempDir
    Path tmp;

    Session session;
    Path unit;

    @BeforeEach
    void start() throws Exception {
        session = new Session(tmp);
        session.env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        session.env.put("JAVA_HOME", "/opt/jdk-25");
        session.env.put("PATH", "/opt/clis/bin:/usr/bin");
        unit = tmp.resolve("xdg/systemd/user/ductor.service");
        Files.createDirectories(session.repo().resolve("bin"));
        Files.writeString(session.repo().resolve("bin/run-local"), "#!/usr/bin/env bash\n");
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{}");
    }

    @Test
    void installWritesAUserUnitThatRunsRunLocalAndEnablesItWithLinger() throws Exception {
        assertThat(session.run("service", "install")).isZero();

        String text = Files.readString(unit);
        assertThat(text)
                .contains("WorkingDirectory=" + session.repo())
                .contains("ExecStart=\"/bin/bash\" \"" + session.repo().resolve("bin/run-local") + "\"")
                .contains("Environment=\"DUCTOR_HOME=" + session.home() + "\"")
                .contains("Environment=\"JAVA_HOME=/opt/jdk-25\"")
                .contains("Environment=\"PATH=/opt/clis/bin:/usr/bin\"")
                .contains("KillMode=control-group")
                .contains("Restart=on-failure")
                .contains("WantedBy=default.target");
        assertThat(session.commands)
                .containsExactly(
                        List.of("systemctl", "--user", "daemon-reload"),
                        List.of("systemctl", "--user", "enable", "--now", "ductor.service"),
                        List.of("loginctl", "enable-linger", "alice"));
        assertThat(session.out()).contains("Lingering enabled for alice");
    }

    @Test
    void theBrokerPasswordGoesToAnOwnerOnlyFileNeverIntoTheUnit() throws Exception {
        session.env.put("SPRING_RABBITMQ_USERNAME", "ductor");
        session.env.put("SPRING_RABBITMQ_PASSWORD", "s3cret-pass");

        assertThat(session.run("service", "install")).isZero();

        assertThat(Files.readString(unit))
                .contains("Environment=\"SPRING_RABBITMQ_USERNAME=ductor\"")
                .doesNotContain("s3cret-pass");
        Path secrets = session.home().resolve("config/service.env");
        assertThat(secrets).hasContent("SPRING_RABBITMQ_PASSWORD=s3cret-pass");
        assertThat(Files.getPosixFilePermissions(secrets))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        session.env.remove("SPRING_RABBITMQ_PASSWORD");
        assertThat(session.run("service", "install")).isZero();
        assertThat(secrets).doesNotExist(); // a stale password is not left behind
    }

    @Test
    void whenLingerCannotBeEnabledTheAdviceSaysHow() {
        session.answer(command -> command.getFirst().equals("loginctl")
                ? new ProcessRunner.Result(1, "Access denied")
                : new ProcessRunner.Result(0, ""));

        assertThat(session.run("service", "install")).isZero();

        assertThat(session.out()).contains("sudo loginctl enable-linger alice").contains("Access denied");
    }

    @Test
    void aFailingSystemctlIsReportedWithItsOutput() {
        session.answer(command -> command.getFirst().equals("systemctl")
                ? new ProcessRunner.Result(1, "Failed to connect to bus: No medium found")
                : new ProcessRunner.Result(0, ""));

        assertThat(session.run("service", "install")).isEqualTo(1);

        assertThat(session.err())
                .contains("systemctl --user daemon-reload failed (exit code 1): Failed to connect to bus")
                .contains("enable-linger");
    }

    @Test
    void statusStartStopLogsAndUninstallUseSystemctlAndJournalctl() throws Exception {
        assertThat(session.run("service", "install")).isZero();
        session.commands.clear();
        session.answer(command -> new ProcessRunner.Result(0, "ductor.service - ductor\n   Active: active (running)"));

        assertThat(session.run("service", "status")).isZero();
        assertThat(session.run("service", "stop")).isZero();
        assertThat(session.run("service", "start")).isZero();
        assertThat(session.run("service", "logs", "-f")).isZero();
        assertThat(session.run("service", "uninstall")).isZero();

        assertThat(session.out()).contains("Active: active (running)");
        assertThat(session.commands)
                .containsExactly(
                        List.of("systemctl", "--user", "status", "--no-pager", "--lines=0", "ductor.service"),
                        List.of("systemctl", "--user", "stop", "ductor.service"),
                        List.of("systemctl", "--user", "start", "ductor.service"),
                        List.of("journalctl", "--user", "-u", "ductor.service", "-n", "100", "--no-pager", "-f"),
                        List.of("systemctl", "--user", "disable", "--now", "ductor.service"),
                        List.of("systemctl", "--user", "daemon-reload"));
        assertThat(unit).doesNotExist();
    }

    @Test
    void withoutAnInstalledServiceTheSubcommandsSaySo() {
        assertThat(session.run("service", "start")).isEqualTo(1);
        assertThat(session.err()).contains("The service is not installed").contains("ductor service install");
        assertThat(session.commands).isEmpty();
    }

    @Test
    void installNeedsAConfigurationFirst() throws Exception {
        Files.delete(session.home().resolve("config/config.json"));

        assertThat(session.run("service", "install")).isEqualTo(1);

        assertThat(session.err()).contains("run `ductor` first");
        assertThat(unit).doesNotExist();
    }

    @Test
    void onMacOsALaunchAgentIsBootstrapped() throws Exception {
        session.os("Mac OS X")
                .answer(command -> command.getFirst().equals("id")
                        ? new ProcessRunner.Result(0, "501\n")
                        : new ProcessRunner.Result(0, "state = running"));

        assertThat(session.run("service", "install")).isZero();
        assertThat(session.run("service", "stop")).isZero();
        assertThat(session.run("service", "logs")).isZero();

        Path plist = session.userHome().resolve("Library/LaunchAgents/dev.ductor.plist");
        assertThat(Files.readString(plist))
                .contains("<key>Label</key><string>dev.ductor</string>")
                .contains("<string>" + session.repo().resolve("bin/run-local") + "</string>")
                .contains("<key>SuccessfulExit</key><false/>")
                .contains("<key>ThrottleInterval</key><integer>10</integer>")
                .contains("<key>DUCTOR_HOME</key><string>" + session.home() + "</string>")
                .contains(session.home().resolve("logs/service.log").toString());
        assertThat(session.commands)
                .contains(
                        List.of("launchctl", "bootstrap", "gui/501", plist.toString()),
                        List.of("launchctl", "bootout", "gui/501/dev.ductor"),
                        List.of(
                                "tail",
                                "-n",
                                "100",
                                session.home().resolve("logs/service.log").toString()));
    }

    @Test
    void otherSystemsAreToldToUseRunLocal() {
        session.os("Windows 11");

        assertThat(session.run("service", "install")).isEqualTo(1);

        assertThat(session.err()).contains("run bin/run-local");
    }
}
