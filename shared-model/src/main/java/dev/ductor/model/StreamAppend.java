package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * More of the streamed answer: {@code text} is the answer's characters from {@code offset} on (a delta, so
 * a turn's bus traffic grows linearly with its answer). A gateway rebuilds the answer with {@link
 * dev.ductor.stream.StreamText}, whose rule makes a redelivered or overlapping append repair the stream
 * instead of doubling text; {@code seq} is the last run output the append covers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamAppend(String streamId, ChatRef chat, long seq, long offset, String text) implements Contract {}
