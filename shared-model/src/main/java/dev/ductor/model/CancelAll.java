package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Stop every run on every runner. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelAll(String reason) implements Contract {}
