package dev.ductor.orchestrator.automation;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One fire of a task (a cron job or a {@code cron_task} webhook), once per message key: waits its turn in
 * the dependency queue, checks the folder ({@code error:folder_missing} without a message when it is gone),
 * hands the one-shot run over, and settles the bus delivery only then — requeued if the broker refused.
 */
@Component
class RunningTask {

    private static final Logger log = LoggerFactory.getLogger(RunningTask.class);

    private final TurnJournal journal;
    private final DependencyQueue dependencies;
    private final TaskFiles files;
    private final StartingTaskRun starting;
    private final AutomationRuns runs;

    RunningTask(
            TurnJournal journal,
            DependencyQueue dependencies,
            TaskFiles files,
            StartingTaskRun starting,
            AutomationRuns runs) {
        this.journal = journal;
        this.dependencies = dependencies;
        this.files = files;
        this.starting = starting;
        this.runs = runs;
    }

    void run(
            String key,
            String runId,
            String kind,
            CronTask task,
            ChatRef chat,
            List<ChatRef> targets,
            Acker acker,
            Consumer<String> failedEarly) {
        if (journal.seen(key) || runs.owns(runId)) {
            log.info("{} {} was already handled; not running it again", kind, key);
            acker.ack();
            return;
        }
        dependencies.run(task.dependency(), () -> {
            if (files.folder(task.taskFolder()).isEmpty()) {
                log.warn("{} '{}': task folder cron_tasks/{} is missing", kind, task.id(), task.taskFolder());
                failedEarly.accept("error:folder_missing");
                journal.markSeen(key);
                acker.ack();
                return false;
            }
            try {
                starting.start(runId, kind, task, chat, targets);
            } catch (RuntimeException e) {
                log.error("{} '{}' could not be handed to the runners; it goes back to the broker", kind, task.id(), e);
                acker.requeue();
                return false;
            }
            journal.markSeen(key);
            acker.ack();
            return true;
        });
    }
}
