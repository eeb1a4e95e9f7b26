package dev.ductor.gateway.matrix;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings that are not part of ductor's {@code config.json} (the agent it serves is
 * {@code ductor.agent}; the account and the lists are {@code config.json}'s {@code matrix} block): the
 * {@code /sync} long-poll timeout, how many delivered outbound message ids are remembered, the retry
 * back-off bounds of the sync loop and the sender, the largest file a user may send, and how many events of a
 * room one sync answer may carry (more arrive as a gap the loop fetches page by page), and the most pixels an
 * incoming image may have (its header is checked before it is decoded).
 */
@ConfigurationProperties("ductor.matrix")
public record MatrixProperties(
        @DefaultValue("30s") Duration syncTimeout,
        @DefaultValue("5000") int deliveredWindow,
        @DefaultValue("500ms") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("100") int timelineLimit,
        @DefaultValue("50000000") long maxImagePixels) {}
