package dev.ductor.agents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a sub-agent's context fares in this service (behaviour §5.8): {@code starting}, {@code running},
 * {@code crashed} (its start failed; retried with backoff, at most five times) or {@code stopped}; since when
 * it runs, how often it was restarted, and the last error.
 */
public record AgentStatus(
        String state,
        @Nullable Instant runningSince,
        int restarts,
        @Nullable String lastError) {}
