package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose 1.29 (Debian's {@code docker-compose}, the oldest compose the project supports) reads the
 * compose file with a {@code .env} as a user writes it: {@code docker-compose config} needs no Docker
 * engine. Skipped, saying so, when docker-compose is not on the PATH.
 */
class ComposeConfigTest {

    @TempDir
    Path project;

    private Tool compose;

    @BeforeEach
    void findDockerCompose() throws IOException {
        compose = Tool.required("docker-compose", "docker-compose", "check the compose file with it");
        Files.copy(ProjectFiles.path("docker-compose.yml"), project.resolve("docker-compose.yml"));
    }

    @Test
    void everyDuctorKeyOfDotEnvReachesTheFourServices() throws Exception {
        writeDotEnv(
                "RABBITMQ_PASSWORD=s3cret",
                "DUCTOR_TELEGRAM_TOKEN=1:abc",
                "DUCTOR_TELEGRAM_API_URL=http://fake-bot-api:8080",
                "DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS=1.5");
        Map<String, Object> resolved = new Yaml().load(config().output());
        Map<String, Object> services = ComposeFile.map(resolved.get("services"));
        for (String service : new String[] {"gateway-telegram", "orchestrator", "cli-runner", "scheduler"}) {
            Map<String, Object> env =
                    ComposeFile.map(ComposeFile.map(services.get(service)).get("environment"));
            assertThat(env)
                    .as(service)
                    .containsEntry("DUCTOR_TELEGRAM_API_URL", "http://fake-bot-api:8080")
                    .containsEntry("DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS", "1.5")
                    .containsEntry("SPRING_RABBITMQ_PASSWORD", "s3cret")
                    // the bot token reaches the gateway alone
                    .containsEntry("DUCTOR_TELEGRAM_TOKEN", service.equals("gateway-telegram") ? "1:abc" : "");
        }
        Map<String, Object> rabbitmq = ComposeFile.map(services.get("rabbitmq"));
        assertThat(ComposeFile.map(rabbitmq.get("environment"))).containsEntry("RABBITMQ_DEFAULT_PASS", "s3cret");
    }

    @Test
    void aMissingBrokerPasswordStopsComposeWithAMessage() throws Exception {
        writeDotEnv("RABBITMQ_PASSWORD=", "DUCTOR_TELEGRAM_TOKEN=1:abc");
        Tool.Result result = config();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set RABBITMQ_PASSWORD in .env (see .env.example)");
    }

    @Test
    void aMissingBotTokenStopsComposeWithAMessage() throws Exception {
        writeDotEnv("RABBITMQ_PASSWORD=s3cret");
        Tool.Result result = config();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set DUCTOR_TELEGRAM_TOKEN in .env (see .env.example)");
    }

    private void writeDotEnv(String... lines) throws IOException {
        Files.write(project.resolve(".env"), List.of(lines));
    }

    private Tool.Result config() throws IOException, InterruptedException {
        return compose.run(
                "--project-directory",
                project.toString(),
                "-f",
                project.resolve("docker-compose.yml").toString(),
                "config");
    }
}
