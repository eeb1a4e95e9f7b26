package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A sub-agent's meters are in its service's scrape with {@code agent="<name>"}, beside the main agent's. */
class AgentMetersTest {

    @TempDir
    Path dir;

    /** A sub-agent's application: a counter and a gauge of its own, as the services' metrics beans have. */
    @SpringBootConfiguration
    static class AgentApplication {

        @Bean
        Counter handled(MeterRegistry registry) {
            return Counter.builder("ductor_handled_total").register(registry);
        }

        @Bean
        Counter startedTime(MeterRegistry registry) {
            return Counter.builder("application.started.time").register(registry); // Boot's, per process
        }

        @Bean
        AtomicInteger depth(MeterRegistry registry) {
            return registry.gauge("ductor_depth", new AtomicInteger());
        }
    }

    @Test
    void aSubAgentsCounterIsScrapedWithItsNameAndLeavesWhenItsContextCloses() throws Exception {
        var service = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        service.config().meterFilter(new AgentsAutoConfiguration().ductorMainAgentTag());
        Counter.builder("ductor_handled_total").register(service).increment(); // the main agent's
        SubAgentContexts.Launcher launcher =
                SubAgentContexts.spring(AgentApplication.class, entry -> Map.of(), service);

        ConfigurableApplicationContext helper = launch(launcher);
        helper.getBean("handled", Counter.class).increment(3);
        helper.getBean("depth", AtomicInteger.class).set(4);

        assertThat(service.scrape())
                .contains("ductor_handled_total{agent=\"main\"} 1.0")
                .contains("ductor_handled_total{agent=\"helper\"} 3.0")
                .contains("ductor_depth{agent=\"helper\"} 4.0")
                .doesNotContain("application_started_time");

        helper.close();
        assertThat(service.scrape())
                .contains("ductor_handled_total{agent=\"main\"} 1.0")
                .doesNotContain("helper");

        // started again, its gauge observes the new context's value, not the closed one's
        ConfigurableApplicationContext again = launch(launcher);
        again.getBean("depth", AtomicInteger.class).set(9);
        assertThat(service.scrape()).contains("ductor_depth{agent=\"helper\"} 9.0");
        again.close();
    }

    private ConfigurableApplicationContext launch(SubAgentContexts.Launcher launcher) throws Exception {
        DuctorHome home = new DuctorHome(dir).agent("helper");
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{}");
        ObjectNode json = JsonMapper.builder().build().createObjectNode().put("name", "helper");
        AgentEntry entry = new AgentEntry("helper", "matrix", json);
        var config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        return launcher.launch(entry, home, config);
    }
}
