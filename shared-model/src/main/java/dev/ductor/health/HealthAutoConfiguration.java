package dev.ductor.health;

import dev.ductor.config.ConfigAutoConfiguration;
import dev.ductor.config.DuctorHome;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ductorHome} health component of every service with actuator: free space on the file system
 * of {@code DUCTOR_HOME}, DOWN below {@code ductor.health.min-free-space} (100 MB). Spring Boot's own
 * {@code diskSpace} looks at the working directory, which need not be where the state lives.
 */
@AutoConfiguration(after = ConfigAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(DuctorHome.class)
    HealthIndicator ductorHomeHealthIndicator(DuctorHome home, HealthProperties properties) {
        return new DiskSpaceHealthIndicator(home.root().toFile(), properties.minFreeSpace());
    }
}
