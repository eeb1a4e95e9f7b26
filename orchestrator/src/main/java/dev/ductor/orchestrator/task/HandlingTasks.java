package dev.ductor.orchestrator.task;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.TaskRequested;
import dev.ductor.orchestrator.chats.AgentChats;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A task tool's call handed over by the agent API (behaviour §5.7): {@code create}, {@code resume},
 * {@code ask_parent}, {@code cancel}, {@code delete} of a task of the calling chat. The delivery is settled
 * once the change is written (and a run handed over); its message id is kept in the dedup window, so the
 * same call delivered again changes nothing. A call for a task of another chat, or one the task's state no
 * longer allows, is logged and dropped: the API refused those already, this is the second check.
 */
@Component
public class HandlingTasks {

    private static final Logger log = LoggerFactory.getLogger(HandlingTasks.class);

    private final Tasks tasks;
    private final TaskRuns runs;
    private final TaskFolders folders;
    private final FinishingTask finishing;
    private final TaskMessages messages;
    private final ConfigStore config;
    private final AgentChats chats;
    private final ModelRegistry models;
    private final TurnJournal journal;
    private final Clock clock;

    @Autowired
    HandlingTasks(
            Tasks tasks,
            TaskRuns runs,
            TaskFolders folders,
            FinishingTask finishing,
            TaskMessages messages,
            ConfigStore config,
            AgentChats chats,
            ModelRegistry models,
            TurnJournal journal) {
        this(tasks, runs, folders, finishing, messages, config, chats, models, journal, Clock.systemUTC());
    }

    HandlingTasks(
            Tasks tasks,
            TaskRuns runs,
            TaskFolders folders,
            FinishingTask finishing,
            TaskMessages messages,
            ConfigStore config,
            AgentChats chats,
            ModelRegistry models,
            TurnJournal journal,
            Clock clock) {
        this.tasks = tasks;
        this.runs = runs;
        this.folders = folders;
        this.finishing = finishing;
        this.messages = messages;
        this.config = config;
        this.chats = chats;
        this.models = models;
        this.journal = journal;
        this.clock = clock;
    }

    public void receive(TaskRequested request, Acker acker) {
        String key = request.messageId();
        if (journal.seen(key)) {
            log.info("Task request {} was handled already", key);
            acker.ack();
            return;
        }
        if (!allowed(request)) {
            // a chat id the agent's environment should never carry: nothing is written, run or sent there
            log.warn(
                    "Task request {} names chat {}, which is not allowed; dropped",
                    key,
                    request.chat().storageKey());
            journal.markSeen(key);
            acker.ack();
            return;
        }
        switch (request.action()) {
            case TaskRequested.CREATE -> create(request);
            case TaskRequested.RESUME -> owned(request).ifPresent(task -> resume(task, request));
            case TaskRequested.ASK_PARENT -> owned(request).ifPresent(task -> askParent(task, request));
            case TaskRequested.CANCEL -> owned(request).ifPresent(task -> cancel(task, request));
            case TaskRequested.DELETE -> owned(request).ifPresent(task -> delete(task, request));
            default -> log.warn("Task request {}: unknown action {}; dropped", key, request.action());
        }
        journal.markSeen(key);
        acker.ack();
    }

    private void create(TaskRequested request) {
        if (tasks.get(request.taskId()).isPresent() || runs.going(request.taskId())) {
            log.info("Task {} exists already; its create is not run again", request.taskId());
            return;
        }
        DuctorConfig current = config.current();
        String prompt = request.text() == null ? "" : request.text().strip();
        String provider = request.provider() != null ? request.provider() : null;
        String model = request.model();
        if (model == null) {
            model = provider == null || models.providerOf(current.model()).equals(provider)
                    ? current.model()
                    : defaultModel(provider);
        }
        if (provider == null) {
            provider = models.providerOf(model);
        }
        double now = clock.millis() / 1000.0;
        TaskEntry task = new TaskEntry(
                request.taskId(),
                request.chat().chatId(),
                request.from(),
                request.name() == null || request.name().isBlank() ? request.taskId() : request.name(),
                TaskEntry.cut(prompt, 80),
                prompt,
                provider,
                model,
                TaskEntry.RUNNING,
                "",
                now,
                null,
                0,
                null,
                "",
                0,
                0,
                null,
                request.thinking(),
                request.thinking() == null ? "" : request.thinking(),
                TaskFolders.relative(request.taskId()),
                request.chat().topicId(),
                request.priority() == null ? "background" : request.priority(),
                request.chat().transport(),
                now + current.tasks().finishedRetentionHours() * 3600.0);
        if (!current.tasks().enabled()) {
            finishing.fail(task, "task-" + task.taskId() + "-refused", messages.t("tasks.disabled"));
            return;
        }
        if (!task.interactive()
                && tasks.counted(task.chatId()) >= current.tasks().maxParallel()) {
            finishing.fail(
                    task,
                    "task-" + task.taskId() + "-refused",
                    messages.t("tasks.too_many", "max", current.tasks().maxParallel()));
            return;
        }
        folders.create(task);
        tasks.put(task);
        try {
            runs.start(task, prompt, request.requestId(), () -> journal.markSeen(request.messageId()));
        } catch (RuntimeException e) {
            // the call goes back to the broker and is tried again from the start
            journal.forget(request.messageId(), TaskRuns.runId(task.taskId(), request.requestId()));
            tasks.remove(task.taskId());
            throw e;
        }
        log.info(
                "Task {} ({}) created in {}",
                task.taskId(),
                task.name(),
                task.chat().storageKey());
    }

    private void resume(TaskEntry task, TaskRequested request) {
        if (!task.finished() && !task.status().equals(TaskEntry.WAITING)) {
            log.info("Task {} is {}; not resumed", task.taskId(), task.status());
            return;
        }
        if (task.sessionId().isBlank() || runs.going(task.taskId())) {
            log.info("Task {} has no session to resume or a run going; not resumed", task.taskId());
            return;
        }
        if (task.expiresAt() > 0 && task.expiresAt() * 1000 < clock.millis()) {
            log.info("Task {} has expired; not resumed", task.taskId());
            return;
        }
        DuctorConfig current = config.current();
        if (!task.interactive()
                && tasks.counted(task.chatId()) >= current.tasks().maxParallel()) {
            messages.notice(
                    task,
                    TaskRuns.runId(task.taskId(), request.requestId()),
                    messages.t("tasks.too_many", "max", current.tasks().maxParallel()));
            return;
        }
        TaskEntry running = task.with(
                "status",
                TaskEntry.RUNNING,
                "completed_at",
                null,
                "error",
                null,
                "expires_at",
                clock.millis() / 1000.0 + current.tasks().finishedRetentionHours() * 3600.0);
        tasks.put(running);
        try {
            runs.start(running, request.text(), request.requestId(), () -> journal.markSeen(request.messageId()));
        } catch (RuntimeException e) {
            journal.forget(request.messageId(), TaskRuns.runId(task.taskId(), request.requestId()));
            tasks.put(task);
            throw e;
        }
    }

    private void askParent(TaskEntry task, TaskRequested request) {
        if (!task.status().equals(TaskEntry.RUNNING)) {
            log.info("Task {} is {}; its question is dropped", task.taskId(), task.status());
            return;
        }
        String question = request.text() == null ? "" : request.text().strip();
        TaskEntry waiting = task.with(
                "status", TaskEntry.WAITING, "question_count", task.questionCount() + 1, "last_question", question);
        String id = "task-" + task.taskId() + "-q" + request.requestId();
        messages.inject(waiting, id + ":question", TaskMessages.questionInjection(waiting, question));
        messages.notice(waiting, id, messages.t("tasks.question", "id", task.taskId(), "question", question));
        tasks.put(waiting);
    }

    private void cancel(TaskEntry task, TaskRequested request) {
        cancel(task, "task-" + task.taskId() + "-c" + request.requestId());
    }

    /**
     * Cancels a running or waiting task: a run going is stopped (its end marks the task cancelled and tells
     * the chat), a waiting task is cancelled here; false when there was nothing to cancel.
     */
    boolean cancel(TaskEntry task, String noticeId) {
        if (runs.cancel(task.taskId())) {
            log.info("Task {}: its run is stopped", task.taskId());
            return true;
        }
        if (task.finished()) {
            return false;
        }
        TaskEntry cancelled = task.with("status", TaskEntry.CANCELLED, "completed_at", clock.millis() / 1000.0);
        messages.notice(cancelled, noticeId, messages.t("tasks.cancelled_notice", "name", task.name()));
        tasks.put(cancelled);
        return true;
    }

    private void delete(TaskEntry task, TaskRequested request) {
        if (!task.finished() || runs.going(task.taskId())) {
            log.info("Task {} is {}; not deleted", task.taskId(), task.status());
            return;
        }
        tasks.remove(task.taskId());
        folders.delete(task.taskId());
        log.info("Task {} deleted ({})", task.taskId(), request.requestId());
    }

    /** The task, when it exists and belongs to the chat that asked. */
    private Optional<TaskEntry> owned(TaskRequested request) {
        var task = tasks.get(request.taskId());
        if (task.isEmpty()) {
            log.info("Task request {}: no task {}; dropped", request.messageId(), request.taskId());
            return Optional.empty();
        }
        if (task.get().chatId() != request.chat().chatId()) {
            log.warn(
                    "Task request {} from chat {} for a task of another chat; refused",
                    request.messageId(),
                    request.chat().chatId());
            return Optional.empty();
        }
        return task;
    }

    /**
     * Whether the task's chat, which the agent's environment named, is one the bot may talk in
     * ({@link AgentChats#mayTalkIn}: a Telegram chat by the allowlists, a Matrix room or API chat only once an
     * allowed sender talked there): its results and questions are sent there and injected into its session, so
     * a chat number alone must not make a chat the bot then takes for known.
     */
    private boolean allowed(TaskRequested request) {
        return chats.mayTalkIn(request.chat());
    }

    private static String defaultModel(String provider) {
        return switch (provider) {
            case "gemini" -> "auto";
            case "codex" -> "gpt-5-codex";
            default -> "opus";
        };
    }
}
