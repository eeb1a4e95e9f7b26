package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** The end of a turn with its result, the CLI session id to resume next time, usage and a classified error. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunFinished(
        String runId,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        Outcome outcome,

        String resultText,
        @Nullable String sessionId,
        double costUsd,
        long totalTokens,
        long durationMs,
        int exitCode,
        @Nullable String error)
        implements Contract {

    /** An outcome this reader does not know (from a newer runner) reads as {@code ERROR}. */
    public enum Outcome {
        SUCCESS,
        @JsonEnumDefaultValue
        ERROR,
        /** A {@code CancelRun} STOP, {@code CancelAll}: someone asked for it. */
        STOPPED,
        INTERRUPTED,
        TIMEOUT,
        CLI_NOT_FOUND,
        /** The runner shut down (deploy, restart) during the turn and stopped the CLI: nobody asked for it. */
        SHUTDOWN
    }
}
