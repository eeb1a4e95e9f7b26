package dev.ductor.orchestrator.task;

import dev.ductor.config.DuctorHome;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import dev.ductor.state.StateRepairs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of background tasks (behaviour §5.7), {@code tasks.json} in {@code DUCTOR_HOME}, ductor's
 * format, written atomically on every change by this one writer (the scheduler's agent API only reads it).
 * At load an entry without a task id or chat is dropped ({@link StateRepairs}); a corrupt file is moved aside
 * and the registry starts empty.
 */
@Component
public class Tasks {

    private final JsonStateFile<TasksFile> file;
    private final Map<String, TaskEntry> tasks = new LinkedHashMap<>();

    Tasks(DuctorHome home) {
        JsonMapper mapper = DuctorJson.mapper();
        this.file = new JsonStateFile<>(
                home.root().resolve("tasks.json"),
                mapper,
                mapper.constructType(TasksFile.class),
                () -> new TasksFile(List.of()));
        var repairs = new StateRepairs();
        TasksFile loaded = file.loadAsParsed();
        if (loaded.tasks() == null) {
            repairs.note("\"tasks\" was missing; empty");
        } else {
            int index = 0;
            for (TaskEntry entry : loaded.tasks()) {
                index++;
                if (entry == null || entry.taskId() == null || entry.taskId().isBlank() || entry.chatId() == 0) {
                    repairs.note("entry " + index + " has no task id or chat; dropped");
                    continue;
                }
                tasks.put(entry.taskId(), entry);
            }
        }
        repairs.settle(file, snapshot());
    }

    public synchronized Optional<TaskEntry> get(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    public synchronized List<TaskEntry> all() {
        return List.copyOf(tasks.values());
    }

    /** The chat's tasks, oldest first. */
    public synchronized List<TaskEntry> ofChat(long chatId) {
        return tasks.values().stream().filter(t -> t.chatId() == chatId).toList();
    }

    /** The chat's tasks that count against its limit: running, of a priority other than interactive. */
    synchronized long counted(long chatId) {
        return ofChat(chatId).stream()
                .filter(t -> t.status().equals(TaskEntry.RUNNING) && !t.interactive())
                .count();
    }

    /** Writes the entry; throws {@link StateNotWritten} with memory unchanged when the file cannot be written. */
    public synchronized void put(TaskEntry entry) {
        TaskEntry earlier = tasks.put(entry.taskId(), entry);
        try {
            file.save(snapshot());
        } catch (StateNotWritten e) {
            if (earlier == null) {
                tasks.remove(entry.taskId());
            } else {
                tasks.put(entry.taskId(), earlier);
            }
            throw e;
        }
    }

    public synchronized Optional<TaskEntry> remove(String taskId) {
        TaskEntry removed = tasks.remove(taskId);
        if (removed != null) {
            try {
                file.save(snapshot());
            } catch (StateNotWritten e) {
                tasks.put(taskId, removed);
                throw e;
            }
        }
        return Optional.ofNullable(removed);
    }

    private TasksFile snapshot() {
        return new TasksFile(new ArrayList<>(tasks.values()));
    }
}
