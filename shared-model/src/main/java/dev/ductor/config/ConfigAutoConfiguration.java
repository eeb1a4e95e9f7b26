package dev.ductor.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** {@link DuctorHome} and a hot-reloading {@link ConfigStore} for every service. */
@AutoConfiguration
public class ConfigAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DuctorHome ductorHome(@Value("${ductor.home:}") String home) {
        return DuctorHome.resolve(home, System.getenv());
    }

    @Bean
    @ConditionalOnMissingBean
    ConfigStore ductorConfigStore(DuctorHome home) {
        return new ConfigStore(new ConfigLoader(System.getenv()), home.configFile());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ductorConfigReloader(
            ConfigStore store, @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "config-reload");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(store::reloadIfChanged, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return executor;
    }
}
