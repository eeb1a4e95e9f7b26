package dev.ductor.orchestrator.lifecycle;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    /**
     * Closes the Spring context (listeners stop, in-flight acks are done) and exits, from its own thread
     * so the inbound listener that asked for it is not the one being shut down.
     */
    @Bean
    @ConditionalOnMissingBean
    ProcessExit processExit(ApplicationContext context) {
        return code -> {
            Thread exit = new Thread(
                    () -> {
                        LoggerFactory.getLogger(ProcessExit.class).warn("Exiting with code {} for a restart", code);
                        System.exit(SpringApplication.exit(context, () -> code));
                    },
                    "ductor-restart");
            exit.start();
        };
    }
}
