package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** Send a file from the shared {@code DUCTOR_HOME} as photo or document. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendFile(
        String outboundRef,
        ChatRef chat,
        String path,
        @Nullable String caption,
        @Nullable String replyTo) implements Contract {}
