package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** The end of a turn with its result, the CLI session id to resume next time, usage and a classified error. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunFinished(
        String runId,
        Outcome outcome,
        String resultText,
        @Nullable String sessionId,
        double costUsd,
        long totalTokens,
        long durationMs,
        int exitCode,
        @Nullable String error)
        implements Contract {

    public enum Outcome {
        SUCCESS,
        ERROR,
        STOPPED,
        INTERRUPTED,
        TIMEOUT,
        CLI_NOT_FOUND
    }
}
