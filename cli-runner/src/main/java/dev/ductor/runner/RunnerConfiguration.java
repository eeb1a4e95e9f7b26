package dev.ductor.runner;

import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.ExecutableLocator;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The runner's process-side beans: where CLIs are found, their environment, the heartbeat/timeout clock. */
@Configuration(proxyBeanMethods = false)
class RunnerConfiguration {

    @Bean
    ExecutableLocator executableLocator(RunnerProperties properties) {
        return new ExecutableLocator(properties.cliDirs(), Objects.requireNonNullElse(System.getenv("PATH"), ""));
    }

    @Bean
    CliEnvironment cliEnvironment(DuctorHome home) {
        return new CliEnvironment(System.getenv(), home);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService runnerScheduler() {
        return Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("runner-clock-", 0).daemon().factory());
    }
}
