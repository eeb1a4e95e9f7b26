package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CLI turn for any runner: which provider and model, the prompt, the CLI session to resume (or
 * none for a fresh one), the extra system prompt, the hard deadline, and Claude's optional turn and budget
 * caps ({@code max_turns}, {@code max_budget_usd} of config.json). {@code workingDirectory} is relative to the
 * workspace ({@code cron_tasks/<folder>} for cron jobs and webhook tasks, behaviour §4.9); null runs in the
 * workspace itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRequest(
        String runId,
        ChatRef chat,
        String provider,
        String model,
        String reasoningEffort,
        String permissionMode,
        String prompt,
        @Nullable String appendSystemPrompt,
        @Nullable String resumeSessionId,
        int timeoutSeconds,
        List<String> cliParameters,
        @Nullable Integer maxTurns,
        @Nullable Double maxBudgetUsd,
        @Nullable String workingDirectory)
        implements Contract {

    /** A turn in the workspace itself, as every chat turn runs. */
    public RunRequest(
            String runId,
            ChatRef chat,
            String provider,
            String model,
            String reasoningEffort,
            String permissionMode,
            String prompt,
            @Nullable String appendSystemPrompt,
            @Nullable String resumeSessionId,
            int timeoutSeconds,
            List<String> cliParameters,
            @Nullable Integer maxTurns,
            @Nullable Double maxBudgetUsd) {
        this(
                runId,
                chat,
                provider,
                model,
                reasoningEffort,
                permissionMode,
                prompt,
                appendSystemPrompt,
                resumeSessionId,
                timeoutSeconds,
                cliParameters,
                maxTurns,
                maxBudgetUsd,
                null);
    }

    /** This turn once more in a new CLI session: the same request under {@code runId}, resuming nothing. */
    public RunRequest fresh(String runId) {
        return fresh(runId, appendSystemPrompt);
    }

    /**
     * As {@link #fresh(String)}, with {@code appendSystemPrompt} instead of this one's (a chat turn gives a new
     * session the main memory, a resumed one nothing).
     */
    public RunRequest fresh(String runId, @Nullable String appendSystemPrompt) {
        return new RunRequest(
                runId,
                chat,
                provider,
                model,
                reasoningEffort,
                permissionMode,
                prompt,
                appendSystemPrompt,
                null,
                timeoutSeconds,
                cliParameters,
                maxTurns,
                maxBudgetUsd,
                workingDirectory);
    }
}
