/**
 * One-shot runs that belong to no chat turn: automation's (cron, webhooks, heartbeat), named sessions' and
 * background tasks'.
 * Each owner records its runs in a state file before it hands them to the runners ({@link RecordedRuns}), so
 * their {@code RunFinished} is still handled after an orchestrator restart, and answers the run-event
 * consumer through {@link RunOwner}; runs with a deadline ({@link TimedRun}) are ended through
 * {@link TimedRuns}, as lost when their runner went silent.
 */
@NullMarked
package dev.ductor.orchestrator.background;

import org.jspecify.annotations.NullMarked;
