package dev.ductor.orchestrator.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** One provider's bucket of a session: its CLI session id and counters (behaviour §5.2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderSession(@Nullable String sessionId, int messageCount, double totalCostUsd, long totalTokens) {

    public static ProviderSession empty() {
        return new ProviderSession(null, 0, 0.0, 0);
    }
}
