package dev.ductor.orchestrator.automation;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        var fire = new Fire(key, runId, kind, task, chat, targets, acker, failedEarly);
        if (handled(fire)) {
            acker.ack();
            return;
        }
        dependencies.run(task.dependency(), key, () -> start(fire), () -> {
            log.info("{} {} was delivered again while it waited; the earlier delivery is dropped", kind, key);
            acker.ack();
        });
    }

    private record Fire(
            String key,
            String runId,
            String kind,
            CronTask task,
            ChatRef chat,
            List<ChatRef> targets,
            Acker acker,
            Consumer<String> failedEarly) {}

    /**
     * Checks once more when its turn comes (an earlier copy of the same fire may have run meanwhile), and
     * marks the key seen before the hand-over, so a copy arriving during it is not started too; the mark is
     * undone when the hand-over fails and the delivery goes back to the broker.
     */
    private boolean start(Fire fire) {
        CronTask task = fire.task();
        if (handled(fire)) {
            fire.acker().ack();
            return false;
        }
        Optional<Path> folder = files.folder(task.taskFolder());
        if (folder.isEmpty()) {
            log.warn("{} '{}': task folder cron_tasks/{} is missing", fire.kind(), task.id(), task.taskFolder());
            fire.failedEarly().accept("error:folder_missing");
            journal.markSeen(fire.key());
            fire.acker().ack();
            return false;
        }
        files.ensureMemory(folder.get(), task.taskFolder());
        try {
            // marked handled after the run is recorded, before it is published: a crash in between leaves a
            // recorded run (a redelivery sees it, and its expiry reports it lost), never a silently dropped fire
            starting.start(
                    fire.runId(), fire.kind(), task, fire.chat(), fire.targets(), () -> journal.markSeen(fire.key()));
        } catch (RuntimeException e) {
            log.error(
                    "{} '{}' could not be handed to the runners; it goes back to the broker",
                    fire.kind(),
                    task.id(),
                    e);
            journal.forget(fire.key(), fire.runId());
            fire.acker().requeue();
            return false;
        }
        fire.acker().ack();
        return true;
    }

    private boolean handled(Fire fire) {
        if (journal.seen(fire.key()) || runs.owns(fire.runId())) {
            log.info("{} {} was already handled; not running it again", fire.kind(), fire.key());
            return true;
        }
        return false;
    }
}
