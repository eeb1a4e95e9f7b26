package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Send a complete text (Markdown) to a chat, optionally as a reply and with inline buttons. The
 * orchestrator names it with {@code outboundRef} so it can later edit or delete it. With a {@code
 * fallback}, a text the messenger refuses for good (the bot removed from the group, the chat gone) is
 * replaced by the fallback's text in the fallback's chat (behaviour §6.1: "Cron delivery failed"). With an
 * {@code image} (a picture the gateway ships, by name: {@link #WELCOME_IMAGE}), a messenger that can shows
 * the text as the picture's caption (behaviour §2.2); one that cannot, or does not know the name, sends the
 * text alone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendText(
        String outboundRef,
        ChatRef chat,
        String text,
        @Nullable String replyTo,
        List<List<Button>> buttons,
        @Nullable Fallback fallback,
        @Nullable String image)
        implements Contract {

    /** The picture of the {@code /start} welcome. */
    public static final String WELCOME_IMAGE = "welcome";

    public SendText(
            String outboundRef, ChatRef chat, String text, @Nullable String replyTo, List<List<Button>> buttons) {
        this(outboundRef, chat, text, replyTo, buttons, null, null);
    }

    public SendText(
            String outboundRef,
            ChatRef chat,
            String text,
            @Nullable String replyTo,
            List<List<Button>> buttons,
            @Nullable Fallback fallback) {
        this(outboundRef, chat, text, replyTo, buttons, fallback, null);
    }

    /** Where, and what, to send instead when {@code chat} refuses the text for good. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fallback(ChatRef chat, String text) {}
}
