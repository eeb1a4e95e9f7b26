package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CLI turn for any runner: which provider and model, the prompt, the CLI session to resume (or
 * none for a fresh one), the extra system prompt, the hard deadline, and Claude's optional turn and budget
 * caps ({@code max_turns}, {@code max_budget_usd} of config.json).
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
        @Nullable Double maxBudgetUsd)
        implements Contract {}
