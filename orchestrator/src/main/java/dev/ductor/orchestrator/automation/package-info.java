/**
 * The orchestrator's side of ductor's automation (behaviour §6): a {@code CronFired} or a {@code cron_task}
 * webhook becomes a one-shot run in its task folder whose result is delivered like ductor's, a
 * {@code wake} webhook a message queued into the allowed users' live sessions, a {@code HeartbeatTick} a
 * silent check-in per chat under ductor's skip rules.
 */
@NullMarked
package dev.ductor.orchestrator.automation;

import org.jspecify.annotations.NullMarked;
