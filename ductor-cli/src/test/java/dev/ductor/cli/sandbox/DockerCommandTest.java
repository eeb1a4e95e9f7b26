package dev.ductor.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.Session;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.4: `ductor docker …` edits the docker block and builds the sandbox image. */
class DockerCommandTest {

    @TempDir
    Path tmp;

    Session session;

    @BeforeEach
    void start() {
        session = new Session(tmp);
    }

    private DuctorConfig config() {
        return new ConfigLoader(Map.of()).load(session.home().resolve("config/config.json"));
    }

    @Test
    void enableAndDisableSwitchDockerEnabled() {
        assertThat(session.run("docker", "enable")).isZero();
        assertThat(config().docker().enabled()).isTrue();
        assertThat(session.out()).contains("ductor docker rebuild");

        assertThat(session.run("docker", "disable")).isZero();
        assertThat(config().docker().enabled()).isFalse();
    }

    @Test
    void lookingAtTheSandboxLeavesTheUsersConfigAsItWas() throws Exception {
        Path projects = Files.createDirectories(tmp.resolve("projects"));
        Path file = Files.createDirectories(session.home().resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"docker\": {\"mounts\": [\"" + projects + "\"]}}");
        byte[] before = Files.readAllBytes(file);

        assertThat(session.run("docker")).isZero();
        assertThat(session.run("docker", "mounts")).isZero();

        assertThat(session.out()).contains("Docker sandbox: disabled").contains(projects + " -> /mnt/projects");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void mountsAreAddedListedAndRemoved() throws Exception {
        Path projects = Files.createDirectories(tmp.resolve("projects"));

        assertThat(session.run("docker", "mount", projects.toString())).isZero();
        assertThat(session.run("docker", "mount", projects.toString())).isEqualTo(1);
        assertThat(session.run("docker", "mount", tmp.resolve("nope").toString()))
                .isEqualTo(1);
        assertThat(config().docker().mounts()).containsExactly(projects.toString());
        assertThat(session.run("docker", "mounts")).isZero();
        assertThat(session.out()).contains(projects + " -> /mnt/projects");
        assertThat(session.err()).contains("is mounted already").contains("nope is not a folder");

        assertThat(session.run("docker", "unmount", projects.toString())).isZero();
        assertThat(config().docker().mounts()).isEmpty();
        assertThat(session.run("docker", "unmount", projects.toString())).isEqualTo(1);
    }

    @Test
    void extrasAreKeptInTheConfig() throws Exception {
        assertThat(session.run("docker", "extras-add", "ffmpeg")).isZero();
        assertThat(session.run("docker", "extras-add", "ffmpeg")).isEqualTo(1);
        assertThat(session.run("docker", "extras")).isZero();
        assertThat(session.out()).contains("docker.extras: ffmpeg").contains("does not install extras yet");
        assertThat(session.run("docker", "extras-remove", "ffmpeg")).isZero();
        assertThat(Files.readString(session.home().resolve("config/config.json")))
                .doesNotContain("ffmpeg");
    }

    @Test
    void rebuildRemovesTheContainerAndBuildsTheImageFromTheSandboxDockerfile() throws Exception {
        Path sandbox = Files.createDirectories(session.repo().resolve("cli-runner/sandbox"));
        Files.writeString(sandbox.resolve("Dockerfile.sandbox"), "FROM node:22\n");

        assertThat(session.run("docker", "rebuild")).isZero();

        assertThat(session.commands)
                .containsSubsequence(
                        List.of("docker", "rm", "-f", "ductor-sandbox"),
                        List.of(
                                "docker",
                                "build",
                                "-t",
                                "ductor-sandbox",
                                "-f",
                                sandbox.resolve("Dockerfile.sandbox").toString(),
                                sandbox.toString()));
    }

    @Test
    void rebuildWithoutDockerSaysSo() throws Exception {
        Path sandbox = Files.createDirectories(session.repo().resolve("cli-runner/sandbox"));
        Files.writeString(sandbox.resolve("Dockerfile.sandbox"), "FROM node:22\n");
        session.answer(command -> new ProcessRunner.Result(127, "docker: No such file or directory"));

        assertThat(session.run("docker", "rebuild")).isEqualTo(1);

        assertThat(session.err()).contains("Docker does not answer").contains("Install Docker");
        assertThat(session.commands).noneMatch(command -> command.contains("build"));
    }
}
