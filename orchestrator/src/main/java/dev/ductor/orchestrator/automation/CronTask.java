package dev.ductor.orchestrator.automation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a run of a cron job or a {@code cron_task} webhook needs (behaviour §6.1, §6.2): its folder under
 * {@code workspace/cron_tasks/}, the instruction, the execution overrides, the dependency key and where
 * the result goes ({@code chatId} 0: every allowed user).
 */
record CronTask(
        String id,
        String title,
        String taskFolder,
        String instruction,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String reasoningEffort,
        List<String> cliParameters,
        @Nullable String dependency,
        String transport,
        long chatId,
        @Nullable Long topicId,
        boolean silentOnSuccess) {}
