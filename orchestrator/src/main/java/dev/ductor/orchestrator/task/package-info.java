/**
 * Background tasks (behaviour §5.7, §2.15): the agent's task tools reach the scheduler's agent API, which
 * hands each call here as a {@code TaskRequested}; this package is the one writer of {@code tasks.json} and
 * {@code workspace/tasks/<id>/}, runs the tasks on the runners through {@code background.RecordedRuns}, and
 * delivers their results, failures and questions to the chat and into the parent session.
 */
@NullMarked
package dev.ductor.orchestrator.task;

import org.jspecify.annotations.NullMarked;
