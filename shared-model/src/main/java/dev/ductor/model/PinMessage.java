package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Pin, without a notification, the message the orchestrator sent as {@code outboundRef} (ductor pins
 * {@code JOIN_NOTIFICATION.md} when it joins an allowed group, behaviour §3.18).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PinMessage(String outboundRef, ChatRef chat) implements Contract {}
