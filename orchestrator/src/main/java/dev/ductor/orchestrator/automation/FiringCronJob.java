package dev.ductor.orchestrator.automation;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.CronFired;
import dev.ductor.orchestrator.conversation.Acker;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A cron job came due (behaviour §6.1): a one-shot run in its task folder; the result goes to the chat or
 * topic the job was created in ({@code chat_id}, {@code topic_id}), else to every allowed user.
 */
@Component
class FiringCronJob {

    private static final Logger log = LoggerFactory.getLogger(FiringCronJob.class);

    private final TaskFiles files;
    private final RunningTask running;
    private final ConfigStore config;

    FiringCronJob(TaskFiles files, RunningTask running, ConfigStore config) {
        this.files = files;
        this.running = running;
        this.config = config;
    }

    void fire(CronFired fired, Acker acker) {
        var job = files.cronJob(fired.jobId());
        if (job.isEmpty()) {
            log.warn("Cron job {} fired but is no longer in cron_jobs.json; nothing runs", fired.jobId());
            acker.ack();
            return;
        }
        CronTask task = job.get();
        String key = "cron:" + task.id() + ":" + fired.scheduledFor().getEpochSecond();
        List<ChatRef> targets = task.chatId() != 0
                ? List.of(new ChatRef(task.transport(), "main", task.chatId(), task.topicId()))
                : Broadcast.allowedUsers(config.current());
        ChatRef chat = targets.isEmpty() ? new ChatRef(task.transport(), "main", 0, null) : targets.getFirst();
        String runId = "cron-" + task.id() + "-" + fired.scheduledFor().getEpochSecond();
        running.run(
                key,
                runId,
                "cron",
                task,
                chat,
                targets,
                acker,
                status -> files.recordRun(task.id(), Instant.now(), status));
    }
}
