package dev.ductor.cli.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.Topology;
import dev.ductor.cli.Session;
import dev.ductor.model.RestartRequested;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.8: `ductor stop`, `restart`, `reset` and `uninstall`, whichever way ductor runs here. */
class LifecycleCommandsTest {

    static final String TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";

    @TempDir
    Path tmp;

    Session session;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        session = new Session(tmp);
        session.env.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        // Every program answers exit 0 and nothing: so `docker compose ps -q` says no compose project runs.
        Files.createDirectories(session.repo().resolve("bin"));
        Files.createDirectories(session.home());
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A stand-in for bin/run-local: a bash script of that name, with a child, that writes the PID file. */
    private Process runLocal(String onTerm) throws Exception {
        Path script = session.repo().resolve("bin/run-local");
        Files.writeString(
                script,
                "#!/usr/bin/env bash\ntrap '" + onTerm + "' TERM\necho $$ > \""
                        + session.home().resolve("bot.pid") + "\"\nsleep 300 &\nwait\nwait\n");
        Process process = new ProcessBuilder("bash", script.toString()).start();
        started.add(process);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(session.home().resolve("bot.pid"))
                        && !Files.readString(session.home().resolve("bot.pid")).isBlank());
        return process;
    }

    @Test
    void stopEndsTheRunLocalOfThisHomeGracefully() throws Exception {
        Process runLocal = runLocal("kill %1; exit 0");

        assertThat(session.run("stop")).isZero();

        assertThat(runLocal.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(session.out())
                .contains("Stopping bin/run-local (pid " + runLocal.pid() + ")")
                .contains("bin/run-local stopped.");
    }

    @Test
    void aRunLocalThatDoesNotStopIsKilledWithItsChildrenAfterTheTimeout() throws Exception {
        Process runLocal = runLocal(""); // ignores TERM
        List<ProcessHandle> children = await().atMost(Duration.ofSeconds(5))
                .until(() -> runLocal.toHandle().descendants().toList(), list -> !list.isEmpty());

        assertThat(session.run("stop", "--timeout", "1")).isZero();

        assertThat(runLocal.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(session.out()).contains("did not stop within 1 s: it and every process it started were killed.");
    }

    @Test
    void aStalePidFileNamingAnotherProgramIsNotBelievedAndNothingIsKilled() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        started.add(other);
        Files.writeString(session.home().resolve("bot.pid"), Long.toString(other.pid()));

        assertThat(session.run("stop")).isZero();

        assertThat(other.isAlive()).isTrue();
        assertThat(session.out()).contains("ductor is not running here.");
    }

    @Test
    void stopStopsTheInstalledServiceFirstAndTheSandboxContainerWhenDockerIsEnabled() throws Exception {
        installedUnit();
        Files.createDirectories(session.home().resolve("config"));
        Path config = Files.writeString(
                session.home().resolve("config/config.json"),
                "{\"docker\": {\"enabled\": true, \"container_name\": \"my-sandbox\"}}");
        byte[] before = Files.readAllBytes(config);

        assertThat(session.run("stop")).isZero();

        // The stop reads the configuration (defaults for what it lacks) and leaves the user's file as it was.
        assertThat(Files.readAllBytes(config)).isEqualTo(before);

        assertThat(session.commands)
                .contains(List.of("systemctl", "--user", "stop", "ductor.service"))
                .contains(List.of("docker", "rm", "-f", "my-sandbox"));
        assertThat(session.out()).contains("Stopped the background service");
    }

    @Test
    void restartOfAnInstalledServiceStopsAndStartsIt() throws Exception {
        installedUnit();

        assertThat(session.run("restart")).isZero();

        assertThat(session.commands)
                .containsSubsequence(
                        List.of("systemctl", "--user", "stop", "ductor.service"),
                        List.of("systemctl", "--user", "start", "ductor.service"));
    }

    @Test
    void restartOfRunLocalAsksEveryServiceThroughTheBrokerAsRestartDoes() throws Exception {
        runLocal("kill %1; exit 0");
        var topology = new Topology(session.env.get("DUCTOR_BUS_NAMESPACE"));
        var factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (var connection = factory.newConnection();
                var channel = connection.createChannel()) {
            channel.exchangeDeclare(topology.controlExchange(), "fanout", false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, topology.controlExchange(), "");

            assertThat(session.run("restart")).isZero();

            GetResponse heard = channel.basicGet(queue, true);
            assertThat(heard).isNotNull();
            assertThat(heard.getProps().getHeaders().get(BusHeaders.TYPE).toString())
                    .isEqualTo("RestartRequested");
            assertThat(ContractJson.mapper()
                            .readValue(heard.getBody(), RestartRequested.class)
                            .reason())
                    .isEqualTo("ductor restart");
            channel.exchangeDelete(topology.controlExchange());
        }
        assertThat(session.out()).contains("Asked every service to restart");
    }

    @Test
    void restartWhenNothingRunsSaysHowToStart() {
        assertThat(session.run("restart")).isEqualTo(1);

        assertThat(session.err()).contains("ductor: ductor is not running here. Start it with bin/run-local");
    }

    @Test
    void resetKeepingTheWorkspaceSetsUpANewConfigurationAndKeepsTheOldAside() throws Exception {
        Path memory = session.home().resolve("workspace/memory_system/MAINMEMORY.md");
        Files.createDirectories(memory.getParent());
        Files.writeString(memory, "my memories");
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{\"allowed_user_ids\": [1]}");
        try (FakeTelegram telegram = FakeTelegram.start(TOKEN, "my_ductor_bot")) {
            session.env.put("DUCTOR_TELEGRAM_API_URL", telegram.baseUrl());

            assertThat(session.run(List.of("k", "y", TOKEN, "4242", "", "UTC"), "reset"))
                    .isZero();
        }

        assertThat(Files.readString(memory)).isEqualTo("my memories");
        assertThat(Files.readString(session.home().resolve("config/config.json")))
                .contains("4242");
        try (var kept = Files.list(session.home().resolve("config"))) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("config.json.before-reset-"));
        }
    }

    @Test
    void aCancelledResetPutsTheOldConfigurationBack() throws Exception {
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{\"allowed_user_ids\": [1]}");

        assertThat(session.run(List.of("k"), "reset")).isEqualTo(1);

        // The reset's stop only reads the configuration, so the file back in place is the user's, to the byte.
        assertThat(Files.readString(session.home().resolve("config/config.json")))
                .isEqualTo("{\"allowed_user_ids\": [1]}");
        assertThat(session.out()).contains("The old configuration is back in place.");
    }

    @Test
    void resetWipesOnlyWhenWipeIsTyped() throws Exception {
        Path memory = session.home().resolve("workspace/memory_system/MAINMEMORY.md");
        Files.createDirectories(memory.getParent());
        Files.writeString(memory, "my memories");
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{}");

        assertThat(session.run(List.of("w", "no"), "reset")).isEqualTo(1);
        assertThat(memory).exists();

        try (FakeTelegram telegram = FakeTelegram.start(TOKEN, "my_ductor_bot")) {
            session.env.put("DUCTOR_TELEGRAM_API_URL", telegram.baseUrl());
            assertThat(session.run(List.of("w", "wipe", "y", TOKEN, "4242", "", "UTC"), "reset"))
                    .isZero();
        }
        assertThat(memory).doesNotExist();
        assertThat(session.home().resolve("config/config.json")).exists();
    }

    @Test
    void uninstallRemovesServiceSandboxAndHomeButNeverFollowsALinkOutOfIt() throws Exception {
        installedUnit();
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{}");
        Path outside = tmp.resolve("user-home/.claude/skills/mine");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("SKILL.md"), "keep me");
        Files.createDirectories(session.home().resolve("workspace/skills"));
        Files.createSymbolicLink(session.home().resolve("workspace/skills/mine"), outside);

        assertThat(session.run(List.of("y"), "uninstall")).isZero();

        assertThat(session.home()).doesNotExist();
        assertThat(outside.resolve("SKILL.md")).hasContent("keep me");
        assertThat(session.commands)
                .contains(List.of("systemctl", "--user", "disable", "--now", "ductor.service"))
                .contains(List.of("docker", "rm", "-f", "ductor-sandbox"))
                .contains(List.of("docker", "rmi", "ductor-sandbox"));
        assertThat(session.out()).contains("is left as it is");
    }

    @Test
    void uninstallAnsweredNoRemovesNothing() throws Exception {
        Files.createDirectories(session.home().resolve("config"));
        Files.writeString(session.home().resolve("config/config.json"), "{}");

        assertThat(session.run(List.of("n"), "uninstall")).isEqualTo(1);

        assertThat(session.home().resolve("config/config.json")).exists();
        assertThat(session.out()).contains("Nothing was removed.");
        assertThat(session.commands).isEmpty();
    }

    private void installedUnit() throws Exception {
        Path unit = tmp.resolve("xdg/systemd/user/ductor.service");
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, "[Unit]\n");
    }
}
