package dev.ductor.orchestrator.automation;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.CronFired;
import dev.ductor.orchestrator.conversation.Acker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A cron job came due (behaviour §6.1): a one-shot run in its task folder; the result goes to the chat or
 * topic the job was created in ({@code chat_id}, {@code topic_id}), else to every allowed user and the
 * Matrix broadcast rooms.
 */
@Component
class FiringCronJob {

    private static final Logger log = LoggerFactory.getLogger(FiringCronJob.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    private final TaskFiles files;
    private final RunningTask running;
    private final ConfigStore config;
    private final String agent;

    FiringCronJob(TaskFiles files, RunningTask running, ConfigStore config, Topology topology) {
        this.files = files;
        this.running = running;
        this.config = config;
        this.agent = topology.agent();
    }

    void fire(CronFired fired, Acker acker) {
        Optional<CronTask> job;
        try {
            job = files.cronJob(fired.jobId());
        } catch (RuntimeException e) {
            // cron_jobs.json is unreadable and was never read in good shape since the start: retrying
            // the delivery would fail the same way at once until it is dead-lettered, and the file has no
            // place for the error either, so the fire is logged and dropped.
            log.error("Cron job {} fired but cron_jobs.json cannot be read; nothing runs", fired.jobId(), e);
            acker.ack();
            return;
        }
        if (job.isEmpty()) {
            log.warn("Cron job {} fired but is no longer in cron_jobs.json; nothing runs", fired.jobId());
            acker.ack();
            return;
        }
        CronTask task = job.get();
        String key = "cron:" + task.id() + ":" + fired.scheduledFor().getEpochSecond();
        List<ChatRef> targets = task.chatId() != 0
                ? List.of(new ChatRef(task.transport(), agent, task.chatId(), task.topicId()))
                : Broadcast.resultTargets(config.current(), agent);
        ChatRef chat = targets.isEmpty() ? new ChatRef(task.transport(), agent, 0, null) : targets.getFirst();
        String runId = runId(task.id(), fired.scheduledFor());
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

    /**
     * {@code cron-<job>-<epoch>}, a valid run id for the runners ({@code [A-Za-z0-9][A-Za-z0-9_-]{0,127}})
     * whatever the job's id: one with other characters or longer than 60 becomes its first 40 characters
     * with the others as {@code _}, plus 8 hex digits of its SHA-256, so two such ids stay apart.
     */
    static String runId(String jobId, Instant scheduledFor) {
        String part = SAFE.matcher(jobId).matches()
                ? jobId
                : jobId.substring(0, Math.min(40, jobId.length())).replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                        + HexFormat.of().formatHex(sha256(jobId), 0, 4);
        return "cron-" + part + "-" + scheduledFor.getEpochSecond();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
