package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Delete a message the orchestrator sent earlier as {@code outboundRef}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteMessage(String outboundRef, ChatRef chat) implements Contract {}
