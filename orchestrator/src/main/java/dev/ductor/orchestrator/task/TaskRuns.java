package dev.ductor.orchestrator.task;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.background.TimedRunOwner;
import dev.ductor.orchestrator.background.TimedRuns;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The runs of background tasks (behaviour §5.7): a {@code RunRequest} outside the chat's queue (timeout
 * {@code tasks.timeout_seconds}, the workspace as working directory, the task's rules after the prompt,
 * {@code --resume} of the task's CLI session when it is resumed), recorded in
 * {@code state/orchestrator/task-runs.json} before it is published ({@link TimedRuns}, as named sessions'
 * runs), so its end is handled after an orchestrator restart. A run whose runner went silent past its
 * deadline is ended as lost, never started again.
 */
@Component
public class TaskRuns extends TimedRunOwner<TaskRun> {

    private static final Logger log = LoggerFactory.getLogger(TaskRuns.class);

    private final FinishingTask finishing;
    private final ConfigStore config;
    private final Bus bus;
    private final Clock clock;

    @Autowired
    TaskRuns(DuctorHome home, FinishingTask finishing, ConfigStore config, Bus bus) {
        this(home, finishing, config, bus, Clock.systemUTC());
    }

    TaskRuns(DuctorHome home, FinishingTask finishing, ConfigStore config, Bus bus, Clock clock) {
        super(new TimedRuns<>(home.stateDir("orchestrator").resolve("task-runs.json"), TaskRun.class));
        this.finishing = finishing;
        this.config = config;
        this.bus = bus;
        this.clock = clock;
    }

    static String runId(String taskId, String requestId) {
        return "task-" + taskId + "-" + requestId;
    }

    /**
     * Records and publishes a run of {@code task}; {@code recorded} runs once it is on record (the request
     * is marked handled then). Throws with nothing left recorded when the record or the publish failed.
     */
    void start(TaskEntry task, String prompt, String requestId, Runnable recorded) {
        DuctorConfig current = config.current();
        String runId = runId(task.taskId(), requestId);
        int timeout = Math.max(1, current.tasks().timeoutSeconds());
        var request = new RunRequest(
                runId,
                task.chat(),
                task.provider(),
                task.model(),
                task.reasoningEffort().isBlank() ? current.reasoningEffort() : task.reasoningEffort(),
                current.permissionMode(),
                prompt + "\n\n" + TaskFolders.rules(task.taskId()),
                null,
                task.sessionId().isBlank() ? null : task.sessionId(),
                timeout,
                List.copyOf(current.cliParameters().forProvider(task.provider())),
                current.maxTurns(),
                current.maxBudgetUsd());
        runs.add(new TaskRun(runId, task.taskId(), task.chat(), timeout, clock.instant()));
        try {
            recorded.run();
            bus.toRunners(request, runId);
        } catch (RuntimeException e) {
            runs.remove(runId);
            throw e;
        }
        log.info("Task {} run {} handed to the runners ({} {})", task.taskId(), runId, task.provider(), task.model());
    }

    /** Whether one of the task's runs is going. */
    boolean going(String taskId) {
        return runs.all().stream().anyMatch(r -> r.taskId().equals(taskId));
    }

    /** Stops the task's runs (their end reports the task cancelled); true when one was going. */
    boolean cancel(String taskId) {
        return !runs.stop(r -> r.taskId().equals(taskId), bus).isEmpty();
    }

    @Override
    protected String describe(TaskRun run) {
        return "Task " + run.taskId() + " run " + run.runId();
    }

    @Override
    protected void end(TaskRun run, @Nullable RunFinished finished) {
        finishing.finished(run, finished, Duration.between(run.startedAt(), clock.instant()));
        runs.remove(run.runId());
    }
}
