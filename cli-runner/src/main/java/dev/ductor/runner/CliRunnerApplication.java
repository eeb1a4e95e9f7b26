package dev.ductor.runner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cli-runner service: takes CLI turns from the bus, runs them, streams their events back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CliRunnerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CliRunnerApplication.class, args);
    }
}
