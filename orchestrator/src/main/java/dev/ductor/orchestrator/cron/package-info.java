/**
 * The chat's side of cron jobs: the {@code /cron} selector (behaviour §2.16) over {@code cron_jobs.json}, which
 * lists the jobs page by page and switches them on and off. Running them is the scheduler's.
 */
@NullMarked
package dev.ductor.orchestrator.cron;

import org.jspecify.annotations.NullMarked;
