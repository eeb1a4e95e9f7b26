package dev.ductor.gateway.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway settings that are not part of ductor's {@code config.json}: the agent this gateway serves, the
 * long-poll timeout, the size of the persisted delivered-ids window and the retry backoff bounds.
 */
@ConfigurationProperties("ductor.telegram")
public record TelegramProperties(
        @DefaultValue("25") int pollTimeoutSeconds,
        @DefaultValue("5000") int deliveredWindow,
        @DefaultValue("500ms") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff) {}
