package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One agent's message to another (behaviour §5.8, {@code ask_agent} and {@code ask_agent_async}), checked by
 * the scheduler's agent API and published to {@code ductor.inbound} under {@code <transport>.<to>}, so it
 * reaches the recipient's orchestrator. {@code taskId} (8 hex, made by the API) names the ask everywhere:
 * the bus message id {@code ia:<taskId>}, the recipient's run, the answer. {@code source} is the chat of the
 * sender's turn that asked (null when the tool ran outside a chat), {@code replyTo} the agent that gets the
 * answer instead of the sender, {@code silent} keeps the recipient's chat from being told. A synchronous ask
 * ({@code async} false) is answered on {@code replyQueue}, where the API waits until {@code deadline}; after
 * it nobody waits and the recipient skips the ask. The recipient's run is bounded by its
 * {@code cli_timeout}, at most 300 s for a synchronous ask and 3600 s for an asynchronous one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InterAgentAsk(
        String taskId,
        String from,
        String to,
        String message,
        boolean newSession,
        @Nullable ChatRef source,
        @Nullable String summary,
        @Nullable String replyTo,
        boolean silent,
        boolean async,
        @Nullable String replyQueue,
        Instant deadline,
        Instant sentAt)
        implements Contract {

    /** The bus message id: the same for the same ask, whatever delivers it. */
    public String messageId() {
        return messageId(taskId);
    }

    public static String messageId(String taskId) {
        return "ia:" + taskId;
    }

    /** The agent whose orchestrator handles the answer of an asynchronous ask: {@code replyTo}, else the sender. */
    public String answeredTo() {
        return replyTo == null || replyTo.isBlank() ? from : replyTo;
    }
}
