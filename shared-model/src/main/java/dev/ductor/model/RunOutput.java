package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A piece of a running turn, numbered by {@code seq} from 1: answer text as it arrives, a tool in use
 * (its name), or a status such as {@code thinking} or {@code compacting}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutput(String runId, long seq, Kind kind, String text) implements Contract {

    public enum Kind {
        TEXT,
        TOOL,
        STATUS
    }
}
