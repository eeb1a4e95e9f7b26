package dev.ductor.runner;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
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

    @Bean
    DockerSandbox dockerSandbox(ExecutableLocator locator, DuctorHome home, ConfigStore configs) {
        String userHome = Objects.requireNonNullElse(System.getenv("HOME"), System.getProperty("user.home"));
        return new DockerSandbox(locator, home, configs, Path.of(userHome), currentUser());
    }

    /** {@code uid:gid} of this process, for {@code docker run --user} (so files in DUCTOR_HOME stay ours). */
    private static @Nullable String currentUser() {
        try {
            var unix = new com.sun.security.auth.module.UnixSystem();
            return unix.getUid() + ":" + unix.getGid();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService runnerScheduler() {
        return Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("runner-clock-", 0).daemon().factory());
    }
}
