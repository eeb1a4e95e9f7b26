package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The recipient's answer to an {@link InterAgentAsk} (behaviour §5.8), published by the recipient's
 * orchestrator: an asynchronous ask's to {@code ductor.inbound} under {@code <transport>.<to>} ({@code to}
 * is the ask's {@code replyTo}, else its sender), a synchronous one's to the ask's reply queue. {@code text}
 * is the recipient's answer ({@code success}), else {@code error} says why there is none ("Timeout after
 * 600s"); {@code session} is the recipient's named session that ran it, {@code providerSwitchNotice} set when
 * that session was started again because the recipient's provider changed, {@code recoveryNotice} when it was
 * because the CLI session it resumed was gone (the message then ran once more, fresh). {@code from}, {@code message}
 * and {@code source} repeat the ask's, so the answer can be injected where it was asked.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InterAgentAnswer(
        String taskId,
        String recipient,
        String to,
        String from,
        String message,
        @Nullable ChatRef source,
        boolean async,
        boolean success,
        String text,
        @Nullable String error,
        String session,
        @Nullable String providerSwitchNotice,
        @Nullable String recoveryNotice,
        Instant answeredAt)
        implements Contract {

    /** The bus message id: the same for the same answer, whatever publishes it. */
    public String messageId() {
        return InterAgentAsk.messageId(taskId) + ":answer";
    }
}
