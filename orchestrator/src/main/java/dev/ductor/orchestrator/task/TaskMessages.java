package dev.ductor.orchestrator.task;

import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a task tells its chat and its parent session (behaviour §5.7): the notices (ductor's texts, in the
 * configured language) under deterministic message ids, so a notice sent again after a crash is shown once,
 * and the injections (ductor's English texts for the agent, cut to 48,000 characters).
 */
@Component
class TaskMessages {

    private static final Logger log = LoggerFactory.getLogger(TaskMessages.class);

    /** ductor's cap on an injected text: longer ones keep their head and tail. */
    static final int MAX_INJECTED = 48_000;

    private final Replies replies;
    private final Texts texts;
    private final TaskInjections injections;
    private final Clock clock;

    TaskMessages(Replies replies, Texts texts, TaskInjections injections) {
        this.replies = replies;
        this.texts = texts;
        this.injections = injections;
        this.clock = Clock.systemUTC();
    }

    /** Sends {@code text} to the task's chat as message {@code <id>:notice}: sent again, shown once. */
    void notice(TaskEntry task, String id, String text) {
        replies.runText(id, "notice", task.chat(), text, null);
        log.info("Task {}: notice {} sent", task.taskId(), id);
    }

    void inject(TaskEntry task, String key, String text) {
        injections.inject(new Injection(key, task.chat(), task.taskId(), safe(text), clock.instant()));
    }

    String t(String key, Object... vars) {
        return texts.t(key, vars);
    }

    String completedNotice(TaskEntry task) {
        return texts.t(
                "tasks.completed",
                "name",
                task.name(),
                "seconds",
                Math.round(task.elapsedSeconds()),
                "provider",
                task.provider(),
                "model",
                task.model());
    }

    String failedNotice(TaskEntry task) {
        return texts.t("tasks.failed", "name", task.name(), "error", String.valueOf(task.error()));
    }

    static String completedInjection(TaskEntry task, String result) {
        return "[BACKGROUND TASK COMPLETED: task_id='" + task.taskId() + "' name='" + task.name() + "']\n"
                + "Provider: " + task.provider() + "/" + task.model() + " | Duration: "
                + Math.round(task.elapsedSeconds()) + "s\n\n"
                + result + "\n\n"
                + "[END TASK RESULT]\n\n"
                + "Original task: " + task.originalPrompt() + "\n\n"
                + "Review this result critically:\n"
                + "- Does it fully answer the original task?\n"
                + "- Is anything missing, incomplete, or unclear?\n"
                + "- If yes → resume the task with a follow-up: python3 tools/task_tools/resume_task.py "
                + task.taskId() + " \"follow-up\"\n"
                + "- If the result is complete → summarize findings for the user";
    }

    static String failedInjection(TaskEntry task) {
        return "[BACKGROUND TASK FAILED: task_id='" + task.taskId() + "' name='" + task.name() + "']\n"
                + "Error: " + task.error() + "\n"
                + "Provider: " + task.provider() + "/" + task.model() + "\n\n"
                + "Original task: " + task.originalPrompt() + "\n\n"
                + "Inform the user that the background task '" + task.name() + "' failed and suggest next steps.";
    }

    static String questionInjection(TaskEntry task, String question) {
        return "[BACKGROUND TASK QUESTION: task_id='" + task.taskId() + "' name='" + task.name() + "']\n"
                + question + "\n"
                + "[END TASK QUESTION]\n\n"
                + "Original task: " + task.originalPrompt() + "\n\n"
                + "Answer this question from what you know, or ask the user. Then pass the answer on with:"
                + " python3 tools/task_tools/resume_task.py " + task.taskId() + " \"answer\"";
    }

    /** ductor's cut: a text over 48,000 characters keeps its first and last 24,000. */
    static String safe(String text) {
        if (text.length() <= MAX_INJECTED) {
            return text;
        }
        int half = MAX_INJECTED / 2;
        int omitted = text.length() - MAX_INJECTED;
        return text.substring(0, half) + "\n\n[... " + omitted + " characters omitted for safe delivery ...]\n\n"
                + text.substring(text.length() - half);
    }
}
