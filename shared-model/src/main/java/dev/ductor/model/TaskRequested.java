package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A background task tool the agent ran (behaviour §5.7), checked by the scheduler's agent API and handed to
 * the orchestrator, the one writer of {@code tasks.json}: {@code action} is {@code create}, {@code resume},
 * {@code ask_parent}, {@code cancel} or {@code delete}. {@code taskId} is the task's 8-hex id (made by the API
 * for a {@code create}); {@code chat} the chat of the turn whose CLI ran the tool, which owns the task;
 * {@code requestId} names this one call (8 hex), so the same call delivered twice is handled once.
 * {@code text} is the prompt ({@code create}), the follow-up ({@code resume}) or the question
 * ({@code ask_parent}). The options are {@code create}'s, null when not given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskRequested(
        String requestId,
        String action,
        String taskId,
        ChatRef chat,
        String from,
        @Nullable String text,
        @Nullable String name,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String thinking,
        @Nullable String priority,
        Instant requestedAt)
        implements Contract {

    public static final String CREATE = "create";
    public static final String RESUME = "resume";
    public static final String ASK_PARENT = "ask_parent";
    public static final String CANCEL = "cancel";
    public static final String DELETE = "delete";

    /** The bus message id: the same for the same call, whatever delivers it. */
    public String messageId() {
        return "task:" + action + ":" + taskId + ":" + requestId;
    }
}
