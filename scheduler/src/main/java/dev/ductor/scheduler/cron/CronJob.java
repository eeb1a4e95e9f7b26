package dev.ductor.scheduler.cron;

import org.jspecify.annotations.Nullable;

/**
 * What the scheduler needs of one entry of {@code cron_jobs.json} (behaviour §6.1): when it fires and when it
 * must stay quiet. {@code expression} is null when the schedule does not parse (the job is not scheduled).
 */
record CronJob(
        String id,
        String schedule,
        @Nullable CronExpression expression,
        boolean enabled,
        @Nullable String timezone,
        @Nullable Integer quietStart,
        @Nullable Integer quietEnd,
        String transport) {}
