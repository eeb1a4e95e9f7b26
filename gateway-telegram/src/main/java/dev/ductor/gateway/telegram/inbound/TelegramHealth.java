package dev.ductor.gateway.telegram.inbound;

import dev.ductor.gateway.telegram.TelegramProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Telegram is up when getUpdates answered within a poll timeout plus a grace period. */
@Component("telegram")
class TelegramHealth implements HealthIndicator {

    private final UpdatePolling polling;
    private final Duration tolerance;

    TelegramHealth(UpdatePolling polling, TelegramProperties properties) {
        this.polling = polling;
        this.tolerance = Duration.ofSeconds(properties.pollTimeoutSeconds() + 30L);
    }

    @Override
    public Health health() {
        Instant last = polling.lastPoll();
        String error = polling.lastError();
        Health.Builder builder = last != null && last.plus(tolerance).isAfter(Instant.now())
                ? Health.up()
                : last == null && error == null ? Health.unknown() : Health.down();
        if (last != null) {
            builder.withDetail("lastPoll", last.toString());
        }
        if (error != null) {
            builder.withDetail("error", error);
        }
        return builder.withDetail("offset", polling.offset()).build();
    }
}
