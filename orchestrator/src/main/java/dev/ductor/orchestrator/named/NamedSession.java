package dev.ductor.orchestrator.named;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code named_sessions.json} (behaviour §5.6), ductor's fields: the chat it belongs to, its
 * provider/model/effort, the CLI session it resumes ({@code ""} before the first answer), the first 60
 * characters of its opening prompt, {@code running}/{@code idle}/{@code ended}, creation time in epoch
 * seconds, answered turns and the last prompt (at most 4000 characters).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NamedSession(
        String name,
        long chatId,
        @Nullable Long topicId,
        String transport,
        String provider,
        String model,
        String reasoningEffort,
        String sessionId,
        String promptPreview,
        String status,
        double createdAt,
        int messageCount,
        String lastPrompt) {

    public static final String RUNNING = "running";
    public static final String IDLE = "idle";
    public static final String ENDED = "ended";

    NamedSession withStatus(String newStatus) {
        return with(newStatus, sessionId, messageCount, lastPrompt);
    }

    NamedSession running(String prompt) {
        return with(RUNNING, sessionId, messageCount, prompt.length() > 4000 ? prompt.substring(0, 4000) : prompt);
    }

    /** After an answer: the CLI session to resume kept (a new one learned), one more turn, idle again. */
    NamedSession answered(@Nullable String newSessionId, boolean counted) {
        return with(
                status.equals(ENDED) ? ENDED : IDLE,
                newSessionId == null || newSessionId.isBlank() ? sessionId : newSessionId,
                counted ? messageCount + 1 : messageCount,
                lastPrompt);
    }

    private NamedSession with(String newStatus, String newSessionId, int newCount, String newLastPrompt) {
        return new NamedSession(
                name,
                chatId,
                topicId,
                transport,
                provider,
                model,
                reasoningEffort,
                newSessionId,
                promptPreview,
                newStatus,
                createdAt,
                newCount,
                newLastPrompt);
    }
}
