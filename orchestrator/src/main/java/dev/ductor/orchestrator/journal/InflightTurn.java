package dev.ductor.orchestrator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A turn between its acceptance and its end. {@code phase}: ACCEPTED (journaled, RunRequest not yet
 * confirmed by the broker), QUEUED (waiting for a free runner), RUNNING (a runner started the CLI).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InflightTurn(
        String runId,
        ChatRef chat,
        @Nullable String replyTo,
        String provider,
        String model,
        String promptPreview,
        Instant acceptedAt,
        Phase phase,
        boolean freshSession) {

    public enum Phase {
        ACCEPTED,
        QUEUED,
        RUNNING
    }

    public InflightTurn withPhase(Phase next) {
        return new InflightTurn(runId, chat, replyTo, provider, model, promptPreview, acceptedAt, next, freshSession);
    }
}
