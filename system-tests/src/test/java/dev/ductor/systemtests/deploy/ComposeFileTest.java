package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.systemtests.deploy.ComposeFile.Service;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The failures of a first {@code docker compose up} (issue 17), checked statically: no Docker engine runs
 * here, so this proves the files say the right thing, not that the stack comes up.
 */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.read();
    private final String dockerfile = ProjectFiles.read("deploy/docker/Dockerfile");

    @Test
    void everyServiceHasAHealthcheckThatRunsUnderPlainSh() {
        for (Service service : compose.services()) {
            assertThat(service.get("healthcheck"))
                    .as(service.name() + " healthcheck")
                    .isNotEmpty();
            assertThat(service.healthcheck()).as(service.name()).doesNotContain("/dev/tcp");
        }
        for (Service service : compose.ductorServices()) {
            assertThat(service.healthcheck()).as(service.name()).contains("curl -fsS", "/actuator/health/readiness");
            assertThat(service.environment()).as(service.name()).containsKey("SERVER_PORT");
        }
        assertThat(dockerfile).contains("apt-get install -y --no-install-recommends curl");
    }

    @Test
    void ductorServicesStartAfterAHealthyBrokerWithLimitedMemoryAndEveryDuctorKeyOfDotEnv() {
        assertThat(compose.ductorServices())
                .extracting(Service::name)
                .containsExactlyInAnyOrder(
                        "gateway-telegram", "orchestrator", "cli-runner", "scheduler", "gateway-matrix", "gateway-api");
        for (Service service : compose.ductorServices()) {
            assertThat(service.get("depends_on"))
                    .as(service.name())
                    .containsEntry("rabbitmq", Map.of("condition", "service_healthy"));
            assertThat(service.yaml())
                    .as(service.name())
                    .containsKey("mem_limit")
                    .containsEntry("env_file", ".env");
            assertThat(service.environment().get("JAVA_TOOL_OPTIONS"))
                    .as(service.name())
                    .contains(dev.ductor.systemtests.ServiceProcess.HEAP_LIMIT);
        }
    }

    @Test
    void theBrokerKeepsItsDataAcrossARecreateAndPublishesPerQueueMetrics() {
        Service rabbitmq = compose.service("rabbitmq");
        assertThat(rabbitmq.yaml()).containsEntry("hostname", "rabbitmq");
        assertThat(rabbitmq.volumes()).contains("rabbitmq-data:/var/lib/rabbitmq");
        assertThat(ProjectFiles.read("deploy/rabbitmq/rabbitmq.conf"))
                .containsPattern("(?m)^prometheus\\.return_per_object_metrics = true$");
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPortAndFindsEveryScaledRunner() {
        String prometheus = ProjectFiles.read("deploy/prometheus/prometheus.yml");
        for (Service service : compose.ductorServices()) {
            String port = service.environment().get("SERVER_PORT");
            assertThat(prometheus)
                    .as(service.name())
                    .containsAnyOf(
                            "\"" + service.name() + ":" + port + "\"",
                            "names: [\"" + service.name() + "\"]\n        type: A\n        port: " + port);
            assertThat(service.environment()).as(service.name()).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        }
        assertThat(prometheus).contains("names: [\"cli-runner\"]");
        assertThat(compose.service("prometheus").volumes())
                .contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void theBrokerPasswordAndTheBotTokenAreRequiredWithoutDefaults() {
        assertThat(compose.text())
                .doesNotContain("RABBITMQ_PASSWORD:-")
                .doesNotContain("DUCTOR_TELEGRAM_TOKEN:-")
                .contains("${RABBITMQ_PASSWORD:?", "${DUCTOR_TELEGRAM_TOKEN:?");
    }

    @Test
    void theAgentApiTokenReachesOnlyTheSchedulerAndTheRunner() {
        // behaviour §6.8: .env reaches every service; the token is blanked for all but these two
        for (Service service : compose.ductorServices()) {
            String token = service.environment().get("DUCTOR_AGENT_API_TOKEN");
            if (service.name().equals("scheduler") || service.name().equals("cli-runner")) {
                assertThat(token).as(service.name()).isEqualTo("${DUCTOR_AGENT_API_TOKEN:-}");
            } else {
                assertThat(token).as(service.name()).isEmpty();
            }
        }
        assertThat(compose.service("cli-runner").environment())
                .containsEntry("DUCTOR_AGENT_API_URL", "http://scheduler:8799");
        assertThat(compose.service("scheduler").environment()).containsEntry("DUCTOR_AGENT_API_HOST", "0.0.0.0");
        assertThat(compose.service("scheduler").yaml().get("ports").toString()).doesNotContain("8799");
    }

    @Test
    void dotEnvExampleDocumentsEveryVariableTheComposeFileReads() {
        String example = ProjectFiles.read(".env.example");
        Set<String> undocumented = new TreeSet<>();
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(compose.text());
        while (m.find()) {
            if (!Pattern.compile("(?m)^#?" + m.group(1) + "=").matcher(example).find()) {
                undocumented.add(m.group(1));
            }
        }
        assertThat(undocumented)
                .as("variables of docker-compose.yml missing from .env.example")
                .isEmpty();
    }

    @Test
    void theRunnerReapsZombiesAndKeepsTheCliLoginsInItsOwnVolumes() {
        Service runner = compose.service("cli-runner");
        assertThat(runner.yaml()).containsEntry("init", true);
        Set<String> named = compose.section("volumes").keySet();
        for (String folder : new String[] {".claude", ".codex", ".gemini"}) {
            String mount = runner.volumes().stream()
                    .filter(v -> v.endsWith(":/home/ductor/" + folder))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no volume on ~/" + folder));
            assertThat(named).as(mount).contains(mount.substring(0, mount.indexOf(':')));
        }
        for (Service service : compose.services()) {
            assertThat(service.volumes())
                    .as(service.name())
                    .noneMatch(v -> v.startsWith("${HOME}") || v.startsWith("~"));
        }
    }

    @Test
    void theBuildStageCopiesThePomOfEveryModuleAndBuildsEveryService() {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(ProjectFiles.read("pom.xml"));
        while (module.find()) {
            // the reactor needs every module's pom before the dependency layer can be resolved
            assertThat(dockerfile).contains("COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/");
        }
        for (Service service : compose.ductorServices()) {
            assertThat(dockerfile).containsPattern("ARG SERVICES=\"[^\"]*\\b" + service.name() + "\\b");
        }
    }

    @Test
    void imagesBuildTheJarsInsideFromStagesOfTheDockerfile() {
        for (Service service : compose.ductorServices()) {
            Map<String, Object> build = service.get("build");
            assertThat(build).as(service.name()).containsEntry("dockerfile", "deploy/docker/Dockerfile");
            assertThat(dockerfile).as(service.name()).containsPattern("(?m)^FROM \\S+ AS " + build.get("target") + "$");
            assertThat(ComposeFile.map(build.get("args"))).as(service.name()).containsEntry("MODULE", service.name());
        }
        assertThat(dockerfile)
                .doesNotContainPattern("(?m)^COPY [^-].*/target/")
                .contains("COPY --from=build /out/${MODULE}.jar /app/service.jar")
                .contains("COPY --from=build /out/cli-runner.jar /app/service.jar")
                .doesNotContain("VERSION=");
        assertThat(ProjectFiles.read(".dockerignore")).contains("**/target/", ".git/", ".env");
    }

    @Test
    void theUserOfUid1000IsReplacedSoTheUbuntuBasedJreImageBuilds() {
        int replaced = dockerfile.indexOf("userdel");
        int created = dockerfile.indexOf("useradd --uid 1000");
        assertThat(replaced).isNotNegative().isLessThan(created);
        assertThat(dockerfile).contains("install -d -o ductor -g ductor /home/ductor/.ductor");
        assertThat(dockerfile)
                .contains(
                        "install -d -o ductor -g ductor /home/ductor/.claude /home/ductor/.codex /home/ductor/.gemini");
    }

    @Test
    void theRunnerImageInstallsTheCliVersionsBinInstallClisPins() {
        Matcher pin =
                Pattern.compile("\"\\w+\\|(@[\\w./-]+)\\|([\\w.-]+)\\|").matcher(ProjectFiles.read("bin/install-clis"));
        int pins = 0;
        while (pin.find()) {
            assertThat(dockerfile).contains(pin.group(1) + "@" + pin.group(2));
            pins++;
        }
        assertThat(pins).isEqualTo(3);
        assertThat(dockerfile)
                .contains("ARG NODE_IMAGE=node:22-bookworm-slim")
                .doesNotContain("install -y --no-install-recommends nodejs");
    }
}
