package dev.ductor.orchestrator.task;

import dev.ductor.config.DuctorHome;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A task's folder {@code workspace/tasks/<id>/} (behaviour §5.7): {@code TASKMEMORY.md} and the task
 * agent's rules as {@code CLAUDE.md}, {@code AGENTS.md} and {@code GEMINI.md}. Only a folder named by a task
 * id (8 hex) directly under {@code workspace/tasks/} is ever deleted.
 */
@Component
class TaskFolders {

    private static final Logger log = LoggerFactory.getLogger(TaskFolders.class);
    private static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}");
    static final List<String> RULE_FILES = List.of("CLAUDE.md", "AGENTS.md", "GEMINI.md");

    private final Path root;

    TaskFolders(DuctorHome home) {
        this.root = home.workspace().resolve("tasks");
    }

    /** {@code tasks/<id>}, relative to the workspace, as {@code tasks_dir} names it. */
    static String relative(String taskId) {
        return "tasks/" + taskId;
    }

    Path memoryFile(String taskId) {
        return folder(taskId).resolve("TASKMEMORY.md");
    }

    /** Seeds the folder; files already there (a create delivered again) are left as they are. */
    void create(TaskEntry task) {
        Path folder = folder(task.taskId());
        try {
            Files.createDirectories(folder);
            if (!Files.exists(memoryFile(task.taskId()))) {
                AtomicFiles.write(memoryFile(task.taskId()), memory(task).getBytes(StandardCharsets.UTF_8));
            }
            String rules = rules(task.taskId());
            for (String name : RULE_FILES) {
                AtomicFiles.write(folder.resolve(name), rules.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Task folder " + folder + " not written", e);
        }
    }

    void delete(String taskId) {
        Path folder = folder(taskId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            FileTrees.delete(folder);
        } catch (IOException e) {
            log.warn("Task folder {} not removed completely: {}", folder, e.toString());
        }
    }

    private Path folder(String taskId) {
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("not a task id: " + taskId);
        }
        return root.resolve(taskId);
    }

    static String memory(TaskEntry task) {
        String created = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli((long) (task.createdAt() * 1000)));
        return "# Task: " + task.name() + "\n\n"
                + "Created: " + created + "\n"
                + "Provider: " + task.provider() + "/" + task.model() + "\n\n"
                + "## Task Description\n\n" + TaskEntry.cut(task.originalPrompt(), 500) + "\n\n"
                + "## Progress\n\n_Nothing recorded yet._\n";
    }

    /** The task agent's rules: the rule files of its folder, and the suffix of every prompt it gets. */
    static String rules(String taskId) {
        String memory = relative(taskId) + "/TASKMEMORY.md";
        return "# Background task " + taskId + "\n\n"
                + "You are a background task agent started by the user's main agent. You have no direct access to"
                + " the user: your final answer goes back to the main agent, which reviews it and reports to the"
                + " user.\n\n"
                + "- If you need information only the user or the main agent has, you MUST ask with\n"
                + "  `python3 tools/task_tools/ask_parent.py " + taskId + " \"your question\"`. It returns at once:"
                + " finish what you can, then end your turn; you will be resumed with the answer.\n"
                + "- Never ask questions in your final answer; never wait for input.\n"
                + "- Keep `" + memory + "` up to date: what you did, decided and found.\n"
                + "- Your final answer is the task's result: complete, self-contained, no preamble.\n";
    }
}
