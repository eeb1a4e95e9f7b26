package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One inline button: what the user sees and what comes back in {@link ButtonPressed#data()}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Button(String label, String data) {}
