package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** Sent by a runner while the CLI process of a turn lives; silence means the run was lost. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunHeartbeat(String runId, String runnerId, Instant at) implements Contract {}
