package dev.ductor.gateway.telegram.api;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.telegram.TelegramProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the port from {@code config.json}; refuses to start without a real bot token. */
@Configuration(proxyBeanMethods = false)
class TelegramApiConfiguration {

    @Bean
    TelegramMetrics telegramMetrics(MeterRegistry registry) {
        return new TelegramMetrics(registry);
    }

    @Bean
    TelegramPort telegramPort(ConfigStore config, TelegramProperties properties, TelegramMetrics metrics) {
        DuctorConfig current = config.current();
        String token =
                current.telegramToken() == null ? "" : current.telegramToken().strip();
        if (isPlaceholder(token)) {
            throw new IllegalStateException("No Telegram bot token: set \"telegram_token\" in " + config.file()
                    + " (or the environment variable DUCTOR_TELEGRAM_TOKEN) to the token @BotFather gave you");
        }
        String apiUrl =
                current.telegramApiUrl() == null || current.telegramApiUrl().isBlank()
                        ? "https://api.telegram.org"
                        : current.telegramApiUrl().strip();
        return new PengradTelegramPort(apiUrl, token, properties.pollTimeoutSeconds(), metrics);
    }

    static boolean isPlaceholder(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return token.isEmpty()
                || !token.contains(":")
                || lower.contains("your")
                || lower.contains("xxxx")
                || lower.contains("<")
                || lower.contains("changeme");
    }
}
