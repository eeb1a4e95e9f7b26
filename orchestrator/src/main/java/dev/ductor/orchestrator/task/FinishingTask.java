package dev.ductor.orchestrator.task;

import dev.ductor.model.RunFinished;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The end of a task's run (behaviour §5.7): {@code done} with ductor's "completed" notice and the result
 * injected into the parent session; {@code failed} (an error, a timeout, a run cut off) with the failure
 * notice and injection; {@code cancelled} with a notice only. A run that ends while its task waits for an
 * answer ({@code ask_parent}) leaves it waiting, with its CLI session kept for the resume. The injection is
 * recorded, then the notice sent (deterministic ids), then the registry written, so a crash in between
 * repeats the delivery under the same ids: shown once, injected once.
 */
@Component
class FinishingTask {

    private static final Logger log = LoggerFactory.getLogger(FinishingTask.class);

    private final Tasks tasks;
    private final TaskMessages messages;
    private final Clock clock;

    @Autowired
    FinishingTask(Tasks tasks, TaskMessages messages) {
        this(tasks, messages, Clock.systemUTC());
    }

    FinishingTask(Tasks tasks, TaskMessages messages, Clock clock) {
        this.tasks = tasks;
        this.messages = messages;
        this.clock = clock;
    }

    void finished(TaskRun run, @Nullable RunFinished finished, Duration elapsed) {
        var found = tasks.get(run.taskId());
        if (found.isEmpty()) {
            log.info("Task {} run {} ended after the task was deleted", run.taskId(), run.runId());
            return;
        }
        TaskEntry task = found.get();
        RunFinished.Outcome outcome = finished == null ? null : finished.outcome();
        String sessionId = finished != null
                        && finished.sessionId() != null
                        && !finished.sessionId().isBlank()
                ? finished.sessionId()
                : task.sessionId();
        double seconds = elapsed.toMillis() / 1000.0;
        log.info("Task {} run {} finished: {}", task.taskId(), run.runId(), outcome == null ? "LOST" : outcome);
        if (outcome == RunFinished.Outcome.SUCCESS) {
            String result = finished.resultText().strip();
            if (task.status().equals(TaskEntry.WAITING)) {
                tasks.put(task.with("session_id", sessionId, "num_turns", task.numTurns() + 1));
                return;
            }
            TaskEntry done = task.with(
                    "status",
                    TaskEntry.DONE,
                    "session_id",
                    sessionId,
                    "completed_at",
                    now(),
                    "elapsed_seconds",
                    seconds,
                    "result_preview",
                    TaskEntry.cut(result, 200),
                    "num_turns",
                    task.numTurns() + 1,
                    "error",
                    null);
            messages.inject(
                    done,
                    run.runId() + ":done",
                    TaskMessages.completedInjection(done, result.isEmpty() ? messages.t("named.no_output") : result));
            messages.notice(done, run.runId(), messages.completedNotice(done));
            tasks.put(done);
        } else if (outcome == RunFinished.Outcome.STOPPED || outcome == RunFinished.Outcome.INTERRUPTED) {
            TaskEntry cancelled = task.with(
                    "status",
                    TaskEntry.CANCELLED,
                    "session_id",
                    sessionId,
                    "completed_at",
                    now(),
                    "elapsed_seconds",
                    seconds);
            messages.notice(cancelled, run.runId(), messages.t("tasks.cancelled_notice", "name", task.name()));
            tasks.put(cancelled);
        } else {
            fail(task.with("session_id", sessionId, "elapsed_seconds", seconds), run.runId(), error(run, finished));
        }
    }

    /** Marks the task failed with {@code error}: the failure notice, and the failure injected. */
    void fail(TaskEntry task, String id, String error) {
        TaskEntry failed = task.with("status", TaskEntry.FAILED, "completed_at", now(), "error", error);
        messages.inject(failed, id + ":failed", TaskMessages.failedInjection(failed));
        messages.notice(failed, id, messages.failedNotice(failed));
        tasks.put(failed);
    }

    private String error(TaskRun run, @Nullable RunFinished finished) {
        if (finished == null || finished.outcome() == RunFinished.Outcome.SHUTDOWN) {
            return messages.t("tasks.lost", "id", run.taskId());
        }
        if (finished.outcome() == RunFinished.Outcome.TIMEOUT) {
            return messages.t("tasks.timed_out", "seconds", run.timeoutSeconds());
        }
        if (finished.error() != null && !finished.error().isBlank()) {
            return TaskEntry.cut(finished.error().strip(), 2000);
        }
        String result = finished.resultText().strip();
        return result.isEmpty() ? finished.outcome().name().toLowerCase(Locale.ROOT) : TaskEntry.cut(result, 2000);
    }

    private double now() {
        return clock.millis() / 1000.0;
    }
}
