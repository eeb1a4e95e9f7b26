package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Leave a group the bot is not allowed in. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaveChat(ChatRef chat) implements Contract {}
