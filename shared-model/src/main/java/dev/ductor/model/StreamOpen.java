package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** A streamed answer begins; its first visible message replies to {@code replyTo}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamOpen(
        String streamId, ChatRef chat, @Nullable String replyTo) implements Contract {}
