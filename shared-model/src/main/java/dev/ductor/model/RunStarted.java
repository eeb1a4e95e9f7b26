package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A runner took the turn and its CLI process is alive. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunStarted(String runId, String runnerId, long pid) implements Contract {}
