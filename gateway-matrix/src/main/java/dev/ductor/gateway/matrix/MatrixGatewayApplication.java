package dev.ductor.gateway.matrix;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Matrix gateway of one agent: one bot account, one {@code /sync} loop (behaviour §9). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MatrixGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MatrixGatewayApplication.class, args);
    }
}
