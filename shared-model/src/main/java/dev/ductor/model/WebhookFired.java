package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An authenticated webhook POST: {@code mode} is {@code wake} or {@code cron_task}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookFired(
        String hookId,
        String mode,
        String renderedPrompt,
        @Nullable ChatRef target,
        Instant receivedAt) implements Contract {}
