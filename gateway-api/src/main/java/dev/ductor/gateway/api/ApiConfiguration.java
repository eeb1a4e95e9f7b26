package dev.ductor.gateway.api;

import dev.ductor.config.ConfigStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token check and the metrics, shared by the socket and the HTTP routes. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    ApiToken apiToken(ConfigStore config) {
        return new ApiToken(config);
    }

    @Bean
    ApiMetrics apiMetrics(MeterRegistry registry) {
        return new ApiMetrics(registry);
    }
}
