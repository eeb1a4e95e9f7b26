package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Stop a run (kill its process tree) or interrupt it (SIGINT); every runner hears it, the owner acts. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelRun(String runId, Mode mode) implements Contract {

    public enum Mode {
        STOP,
        INTERRUPT
    }
}
