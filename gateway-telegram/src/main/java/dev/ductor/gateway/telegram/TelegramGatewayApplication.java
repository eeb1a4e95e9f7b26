package dev.ductor.gateway.telegram;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Telegram gateway of one agent: one bot token, one poller. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TelegramGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelegramGatewayApplication.class, args);
    }
}
