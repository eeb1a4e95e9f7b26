package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An accepted webhook POST (behaviour §6.2), published before the sender got its 202. {@code mode} is
 * {@code wake} (the prompt goes into the live session of {@code target}, or of every allowed user's
 * private chat when null, queued like a message) or {@code cron_task} (a fresh one-shot run in
 * {@code cron_tasks/<taskFolder>} with the hook's overrides, result broadcast). {@code renderedPrompt} is
 * already wrapped in the untrusted-payload markers. {@code requestId} names this one request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookFired(
        String hookId,
        String requestId,
        String mode,
        String title,
        String renderedPrompt,
        @Nullable ChatRef target,
        @Nullable String taskFolder,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String reasoningEffort,
        List<String> cliParameters,
        @Nullable String dependency,
        Instant receivedAt)
        implements Contract {}
