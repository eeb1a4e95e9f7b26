/**
 * The agent's API (behaviour §6.8): the HTTP endpoint the agent's tool scripts ({@code tools/cron_tools/…},
 * {@code tools/webhook_tools/…}) call from wherever the CLI runs, served by the scheduler because it owns
 * {@code cron_jobs.json} and {@code webhooks.json}. The tools forward their command line; everything they
 * do (validation, the task folder, the file) happens here, so they need no shared disk and no Python.
 */
@NullMarked
package dev.ductor.scheduler.api;

import org.jspecify.annotations.NullMarked;
