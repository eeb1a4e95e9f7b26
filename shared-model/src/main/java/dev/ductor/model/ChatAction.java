package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Show an activity such as {@code typing} in a chat. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatAction(ChatRef chat, String action) implements Contract {}
