package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The scheduler's heartbeat interval elapsed for an agent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatTick(String agent, Instant at) implements Contract {}
