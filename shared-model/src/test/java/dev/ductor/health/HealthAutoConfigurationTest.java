package dev.ductor.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HealthAutoConfigurationTest {

    @TempDir
    Path home;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class))
                .withBean(DuctorHome.class, () -> new DuctorHome(home));
    }

    @Test
    void upWhileDuctorHomeHasMoreFreeSpaceThanTheThreshold() {
        runner().withPropertyValues("ductor.health.min-free-space=1KB").run(context -> {
            var health = context.getBean("ductorHomeHealthIndicator", HealthIndicator.class)
                    .health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("path", home.toFile().getAbsolutePath());
        });
    }

    @Test
    void downBelowTheThreshold() {
        runner().withPropertyValues("ductor.health.min-free-space=1000000TB").run(context -> {
            var health = context.getBean("ductorHomeHealthIndicator", HealthIndicator.class)
                    .health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void theDefaultThresholdIsOneHundredMegabytes() {
        runner().run(context -> assertThat(
                        context.getBean(HealthProperties.class).minFreeSpace())
                .isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(100)));
    }

    @Test
    void subAgentsAreShownWithTheirStatusAndLastError() throws Exception {
        var ductor = new DuctorHome(home);
        java.nio.file.Files.createDirectories(ductor.configFile().getParent());
        java.nio.file.Files.writeString(ductor.agentsFile(), "[{\"name\": \"helper\", \"telegram_token\": \"1:a\"}]");
        var config = new dev.ductor.config.ConfigStore(
                new dev.ductor.config.ConfigLoader(java.util.Map.of()), ductor.configFile());
        var agents = new dev.ductor.agents.SubAgentContexts(
                ductor,
                config,
                entry -> true,
                (entry, agentHome, agentConfig) -> {
                    throw new IllegalStateException("no bot");
                },
                java.time.Duration.ofMillis(50));
        agents.start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> agents.statuses().containsKey("helper")
                            && agents.statuses().get("helper").state().equals("crashed"));
            runner().withBean(dev.ductor.agents.SubAgentContexts.class, () -> agents)
                    .run(context -> {
                        var health = context.getBean("subAgentsHealthIndicator", HealthIndicator.class)
                                .health(true);
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails())
                                .containsEntry(
                                        "helper",
                                        java.util.Map.of("status", "crashed", "restarts", 0, "lastError", "no bot"));
                    });
        } finally {
            agents.stop();
        }
    }

    @Test
    void noSubAgentsComponentWhereNoneRun() {
        runner().run(context -> assertThat(context).doesNotHaveBean("subAgentsHealthIndicator"));
    }
}
