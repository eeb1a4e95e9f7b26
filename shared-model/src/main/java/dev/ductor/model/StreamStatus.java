package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An indicator during a stream: {@code kind} is {@code tool} or {@code system}, {@code label} its text. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamStatus(String streamId, ChatRef chat, long seq, String kind, String label) implements Contract {}
