package dev.ductor.gateway.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings that are not part of ductor's {@code config.json} (the agent it serves is
 * {@code ductor.agent}): the {@code getUpdates} long-poll timeout (the health check allows 30 s more), how
 * many entries the state files {@code delivered.json} and {@code messages.json} keep, and the retry backoff
 * bounds of the poller and the outbox; the largest file a user may send ({@code max-file-size}, 20 MB: what
 * the Bot API's getFile serves) and the largest image it decodes ({@code max-image-pixels}, 50 megapixels:
 * a larger one is refused from its header, before it is decoded); whether a private chat's streamed answer
 * is shown as a draft ({@code drafts}, true: Telegram's {@code sendMessageDraft} where the Bot API offers it,
 * edits where it does not).
 */
@ConfigurationProperties("ductor.telegram")
public record TelegramProperties(
        @DefaultValue("25") int pollTimeoutSeconds,
        @DefaultValue("5000") int deliveredWindow,
        @DefaultValue("500ms") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("50000000") long maxImagePixels,
        @DefaultValue("true") boolean drafts) {}
