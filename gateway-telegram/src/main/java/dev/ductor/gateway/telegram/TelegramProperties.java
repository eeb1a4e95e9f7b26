package dev.ductor.gateway.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway settings that are not part of ductor's {@code config.json} (the agent it serves is
 * {@code ductor.agent}): the {@code getUpdates} long-poll timeout (the health check allows 30 s more), how
 * many entries the state files {@code delivered.json} and {@code messages.json} keep, and the retry backoff
 * bounds of the poller and the outbox.
 */
@ConfigurationProperties("ductor.telegram")
public record TelegramProperties(
        @DefaultValue("25") int pollTimeoutSeconds,
        @DefaultValue("5000") int deliveredWindow,
        @DefaultValue("500ms") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff) {}
