package dev.ductor.orchestrator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Orchestrator settings beyond config.json. {@code runLostAfter}: a running turn whose runner sent no
 * heartbeat for this long is reported as interrupted. {@code dedupEntries}/{@code dedupTtl}: the
 * persisted window of inbound message keys already handled.
 */
@ConfigurationProperties("ductor.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("30s") Duration runLostAfter,
        @DefaultValue("2s") Duration watchdogInterval,
        @DefaultValue("5000") int dedupEntries,
        @DefaultValue("24h") Duration dedupTtl) {}
