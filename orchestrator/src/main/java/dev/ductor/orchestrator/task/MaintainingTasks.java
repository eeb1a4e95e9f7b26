package dev.ductor.orchestrator.task;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the registry true across restarts and time (behaviour §5.7). At start, a task left {@code running}
 * without a recorded run (cut off before its hand-over, or its record lost) is marked {@code failed}, its chat
 * told once and the failure injected; it is never run again. Every 5 hours (and a minute after the start):
 * a waiting task past its expiry fails as expired and can no longer be resumed; finished tasks older than
 * {@code tasks.finished_retention_hours}, and all but the newest {@code tasks.finished_keep_last}, are removed
 * with their folders.
 */
@Component
class MaintainingTasks {

    private static final Logger log = LoggerFactory.getLogger(MaintainingTasks.class);

    private final Tasks tasks;
    private final TaskRuns runs;
    private final FinishingTask finishing;
    private final TaskFolders folders;
    private final TaskMessages messages;
    private final ConfigStore config;
    private final Clock clock;

    @Autowired
    MaintainingTasks(
            Tasks tasks,
            TaskRuns runs,
            FinishingTask finishing,
            TaskFolders folders,
            TaskMessages messages,
            ConfigStore config) {
        this(tasks, runs, finishing, folders, messages, config, Clock.systemUTC());
    }

    MaintainingTasks(
            Tasks tasks,
            TaskRuns runs,
            FinishingTask finishing,
            TaskFolders folders,
            TaskMessages messages,
            ConfigStore config,
            Clock clock) {
        this.tasks = tasks;
        this.runs = runs;
        this.finishing = finishing;
        this.folders = folders;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        for (TaskEntry task : tasks.all()) {
            if (task.status().equals(TaskEntry.RUNNING) && !runs.going(task.taskId())) {
                log.warn("Task {} was running without a recorded run; failed, not run again", task.taskId());
                finishing.fail(
                        task,
                        "task-" + task.taskId() + "-t" + task.numTurns() + "-cut",
                        messages.t("tasks.lost", "id", task.taskId()));
            }
        }
    }

    @Scheduled(fixedDelay = 5, initialDelay = 0, timeUnit = TimeUnit.HOURS)
    void maintain() {
        double now = clock.millis() / 1000.0;
        DuctorConfig.Tasks settings = config.current().tasks();
        for (TaskEntry task : tasks.all()) {
            if (task.status().equals(TaskEntry.WAITING)
                    && task.expiresAt() > 0
                    && task.expiresAt() < now
                    && !runs.going(task.taskId())) {
                log.info("Task {} waited past its expiry; failed", task.taskId());
                finishing.fail(
                        task,
                        "task-" + task.taskId() + "-expired",
                        messages.t("tasks.expired", "hours", settings.finishedRetentionHours()));
            }
        }
        double oldest = now - settings.finishedRetentionHours() * 3600.0;
        List<TaskEntry> finished = tasks.all().stream()
                .filter(TaskEntry::finished)
                .filter(t -> !runs.going(t.taskId()))
                .sorted(Comparator.comparingDouble(MaintainingTasks::finishedAt).reversed())
                .toList();
        for (int i = 0; i < finished.size(); i++) {
            TaskEntry task = finished.get(i);
            if (i >= settings.finishedKeepLast() || finishedAt(task) < oldest) {
                tasks.remove(task.taskId());
                folders.delete(task.taskId());
                log.info("Finished task {} pruned", task.taskId());
            }
        }
    }

    private static double finishedAt(TaskEntry task) {
        return task.completedAt() == null ? task.createdAt() : task.completedAt();
    }
}
