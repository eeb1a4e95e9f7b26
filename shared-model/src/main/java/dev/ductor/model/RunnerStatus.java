package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A runner's periodic report (routing key {@code runner.<runnerId>} on {@code ductor.run-events}): its
 * slots, the runs it holds, and per provider whether the CLI is installed and logged in, its version and the
 * models it offers (behaviour §4.3, §4.4), for {@code /status}, {@code /model} and for the orchestrator to
 * know which runners are alive.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunnerStatus(
        String runnerId, int slots, List<String> activeRunIds, List<ProviderStatus> providers, Instant at)
        implements Contract {

    /**
     * One CLI on the runner. {@code models} is null when the runner has not (yet) asked the CLI, or the CLI
     * has no list to ask (Claude's models are fixed); a report of schema 1 has none.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProviderStatus(
            String provider,
            boolean installed,
            boolean authenticated,
            @Nullable String version,
            @Nullable List<ModelInfo> models) {

        @JsonCreator
        public ProviderStatus {}

        public ProviderStatus(String provider, boolean installed, boolean authenticated, @Nullable String version) {
            this(provider, installed, authenticated, version, null);
        }
    }

    /**
     * A model a CLI offers, with the reasoning efforts it takes (Codex's {@code model/list}; Gemini's ids
     * have none).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelInfo(
            String id,
            String displayName,
            String description,
            List<String> supportedEfforts,
            String defaultEffort,
            boolean isDefault) {

        /** A model known only by its id (Gemini). */
        public static ModelInfo named(String id) {
            return new ModelInfo(id, id, "", List.of(), "", false);
        }
    }
}
