package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A piece of a running turn, numbered by {@code seq} from 1: answer text as it arrives, a tool in use
 * (its name), or a status such as {@code thinking} or {@code compacting}. For {@code TEXT}, {@code offset}
 * is where {@code text} starts in the turn's streamed answer as the runner assembles it (blocks separated
 * by a blank line, which a piece that starts a block carries; capped), so the answer's position survives an
 * orchestrator restart; 0 for the other kinds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutput(String runId, long seq, Kind kind, long offset, String text) implements Contract {

    public enum Kind {
        TEXT,
        TOOL,
        STATUS
    }
}
