package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The streamed answer so far. {@code text} is the whole text up to {@code seq}, not a delta: appends
 * are latest-wins, so a gateway may drop older ones and a redelivery after a crash repairs itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamAppend(String streamId, ChatRef chat, long seq, String text) implements Contract {}
