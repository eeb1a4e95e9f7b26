package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Each service's broker password variable (its broker user is {@code ductor-<service>}). */
    private static final Map<String, String> BROKER_PASSWORDS = Map.of(
            "gateway-telegram", "RABBITMQ_GATEWAY_TELEGRAM_PASSWORD",
            "orchestrator", "RABBITMQ_ORCHESTRATOR_PASSWORD",
            "cli-runner", "RABBITMQ_CLI_RUNNER_PASSWORD",
            "scheduler", "RABBITMQ_SCHEDULER_PASSWORD");

    @Test
    void everyDuctorKeyOfDotEnvReachesTheFourServicesAndEachItsOwnBrokerUserAlone() throws Exception {
        writeDotEnv(
                "DUCTOR_TELEGRAM_TOKEN=1:abc",
                "DUCTOR_TELEGRAM_API_URL=http://fake-bot-api:8080",
                "DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS=1.5");
        Map<String, Object> resolved = new Yaml().load(config().output());
        Map<String, Object> services = ComposeFile.map(resolved.get("services"));
        for (String service : BROKER_PASSWORDS.keySet()) {
            Map<String, Object> env =
                    ComposeFile.map(ComposeFile.map(services.get(service)).get("environment"));
            assertThat(env)
                    .as(service)
                    .containsEntry("DUCTOR_TELEGRAM_API_URL", "http://fake-bot-api:8080")
                    .containsEntry("DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS", "1.5")
                    .containsEntry("SPRING_RABBITMQ_USERNAME", "ductor-" + service)
                    .containsEntry("SPRING_RABBITMQ_PASSWORD", "pw-" + BROKER_PASSWORDS.get(service))
                    .containsEntry("DUCTOR_BUS_DECLARETOPOLOGY", "false")
                    // the bot token reaches the gateway alone
                    .containsEntry("DUCTOR_TELEGRAM_TOKEN", service.equals("gateway-telegram") ? "1:abc" : "");
            // only the orchestrator declares a sub-agent's queues (docs/design.md, "Sub-agents")
            if (service.equals("orchestrator")) {
                assertThat(env).containsEntry("DUCTOR_BUS_DECLAREAGENTQUEUES", "true");
            } else {
                assertThat(env).doesNotContainKey("DUCTOR_BUS_DECLAREAGENTQUEUES");
            }
            // no broker password of .env reaches a service through env_file
            assertThat(env.values())
                    .as(service)
                    .noneMatch(value -> value instanceof String v
                            && v.startsWith("pw-")
                            && !v.equals("pw-" + BROKER_PASSWORDS.get(service)));
        }
        Map<String, Object> rabbitmq = ComposeFile.map(services.get("rabbitmq"));
        assertThat(ComposeFile.map(rabbitmq.get("environment")))
                .containsEntry("RABBITMQ_PASSWORD", "pw-RABBITMQ_PASSWORD")
                .containsEntry("RABBITMQ_CLI_RUNNER_PASSWORD", "pw-RABBITMQ_CLI_RUNNER_PASSWORD");
    }

    @Test
    void aMissingBrokerPasswordStopsComposeWithAMessage() throws Exception {
        for (String variable : allBrokerPasswords()) {
            writeDotEnv(variable + "=", "DUCTOR_TELEGRAM_TOKEN=1:abc");
            Tool.Result result = config();
            assertThat(result.exitCode()).as(variable).isNotZero();
            assertThat(result.output()).contains("set " + variable + " in .env (see .env.example)");
        }
    }

    @Test
    void aMissingBotTokenStopsComposeWithAMessage() throws Exception {
        writeDotEnv();
        Tool.Result result = config();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set DUCTOR_TELEGRAM_TOKEN in .env (see .env.example)");
    }

    private static List<String> allBrokerPasswords() {
        var all = new ArrayList<>(List.of("RABBITMQ_PASSWORD"));
        all.addAll(BROKER_PASSWORDS.values());
        return all;
    }

    /** A .env with every broker password set ({@code pw-<variable>}), then these lines (which win). */
    private void writeDotEnv(String... lines) throws IOException {
        var all = new ArrayList<String>();
        for (String variable : allBrokerPasswords()) {
            if (Arrays.stream(lines).noneMatch(line -> line.startsWith(variable + "="))) {
                all.add(variable + "=pw-" + variable);
            }
        }
        all.addAll(List.of(lines));
        Files.write(project.resolve(".env"), all);
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
