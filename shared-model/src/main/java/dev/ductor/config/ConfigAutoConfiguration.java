package dev.ductor.config;

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

    @Bean
    ConfigReloader ductorConfigReloader(
            ConfigStore store, @Value("${ductor.config.reload-interval-ms:5000}") long intervalMs) {
        return new ConfigReloader(store, intervalMs);
    }
}
