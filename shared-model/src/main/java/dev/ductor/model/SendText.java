package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Send a complete text (Markdown) to a chat, optionally as a reply and with inline buttons. The
 * orchestrator names it with {@code outboundRef} so it can later edit or delete it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendText(
        String outboundRef,
        ChatRef chat,
        String text,
        @Nullable String replyTo,
        List<List<Button>> buttons) implements Contract {}
