package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A forum topic was created or renamed: the orchestrator learns its name for {@code /where}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicRenamed(ChatRef chat, String name) implements Contract {}
