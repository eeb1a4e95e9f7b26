package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.lifecycle.ControlHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** behaviour §5.8, §2.21: what a service declares ({@link ServedSubAgents}) is all it takes to run sub-agents. */
class AgentsAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        var home = new DuctorHome(dir);
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AgentsAutoConfiguration.class))
                .withBean(DuctorHome.class, () -> home)
                .withBean(ConfigStore.class, () -> new ConfigStore(new ConfigLoader(Map.of()), home.configFile()))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
    }

    private ApplicationContextRunner serving() {
        return runner().withBean(ServedSubAgents.class, () -> new ServedSubAgents("svc", Object.class, entry -> true));
    }

    @Test
    void theMainContextOfAServiceThatServesSubAgentsRunsThemHearsControlAgentAndTagsItsMetersMain() {
        serving().run(context -> {
            assertThat(context).hasSingleBean(SubAgentContexts.class);
            assertThat(context.getBean(ControlHandler.class)).isInstanceOf(ControllingSubAgents.class);
            assertThat(context).hasSingleBean(MeterFilter.class);
        });
    }

    @Test
    void withoutTheControlQueueItRunsThemWithoutAControlHandler() {
        serving().withPropertyValues("ductor.restart.on-request=false").run(context -> {
            assertThat(context).hasSingleBean(SubAgentContexts.class);
            assertThat(context).doesNotHaveBean(ControlHandler.class);
        });
    }

    @Test
    void aSubAgentsContextServesNoSubAgents() {
        serving().withPropertyValues("ductor.agent=helper").run(context -> {
            assertThat(context).doesNotHaveBean(SubAgentContexts.class);
            assertThat(context).doesNotHaveBean(ControlHandler.class);
            assertThat(context).doesNotHaveBean(MeterFilter.class);
        });
    }

    @Test
    void aServiceThatDeclaresNoneHasNone() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(SubAgentContexts.class);
            assertThat(context).doesNotHaveBean(MeterFilter.class);
        });
    }
}
