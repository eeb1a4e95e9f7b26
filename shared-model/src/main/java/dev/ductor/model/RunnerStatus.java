package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A runner's periodic report (routing key {@code runner.<runnerId>} on {@code ductor.run-events}): its
 * slots, the runs it holds, and per provider whether the CLI is installed and logged in, for
 * {@code /status} and for the orchestrator to know which runners are alive.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunnerStatus(
        String runnerId, int slots, List<String> activeRunIds, List<ProviderStatus> providers, Instant at)
        implements Contract {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProviderStatus(
            String provider,
            boolean installed,
            boolean authenticated,
            @Nullable String version) {}
}
