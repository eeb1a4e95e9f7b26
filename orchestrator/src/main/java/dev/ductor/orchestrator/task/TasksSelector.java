package dev.ductor.orchestrator.task;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonData;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.SelectorMessage;
import dev.ductor.orchestrator.reply.SelectorMessage.View;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /tasks} (behaviour §2.15): the chat's background tasks under Running, Waiting for answer and
 * Finished, a count line, and the buttons {@code Cancel {name}} per running or waiting task, Cancel All,
 * Refresh and Delete Finished ({@code tsc:*}). A chat sees and changes only its own tasks. The selector is one
 * message, edited in place with the result of a press.
 */
@Component
public class TasksSelector {

    public static final String CALLBACK_PREFIX = ButtonData.TASKS;

    private static final Logger log = LoggerFactory.getLogger(TasksSelector.class);

    private final Tasks tasks;
    private final HandlingTasks handling;
    private final TaskFolders folders;
    private final ConfigStore config;
    private final Replies replies;
    private final SelectorMessage message;
    private final Texts texts;

    TasksSelector(
            Tasks tasks,
            HandlingTasks handling,
            TaskFolders folders,
            ConfigStore config,
            Replies replies,
            SelectorMessages selectors,
            Texts texts) {
        this.tasks = tasks;
        this.handling = handling;
        this.folders = folders;
        this.config = config;
        this.replies = replies;
        this.message = selectors.of("tsc", "tasks selector");
        this.texts = texts;
    }

    public void open(ChatRef chat, String replyTo) {
        if (!config.current().tasks().enabled()) {
            replies.text(chat, Texts.fmt(texts.t("tasks.header"), Texts.SEP, texts.t("tasks.disabled")), replyTo);
            return;
        }
        message.open(chat, replyTo, view(chat.chatId(), null));
    }

    /** Handles a {@code tsc:*} press: the selector edited with the result as a note, which is returned too. */
    public @Nullable String press(ButtonPressed press) {
        String action = press.data().substring(CALLBACK_PREFIX.length());
        long chatId = press.chat().chatId();
        String note;
        if (action.equals("r")) {
            note = null;
        } else if (action.equals("ca")) {
            int count = 0;
            for (TaskEntry task : tasks.ofChat(chatId)) {
                if (!task.finished() && handling.cancel(task, noticeId(task, press))) {
                    count++;
                }
            }
            note = count > 0 ? texts.t("tasks.cancelled_count", "count", count) : texts.t("tasks.no_running");
        } else if (action.startsWith("c:")) {
            String id = action.substring(2);
            var task = tasks.get(id).filter(t -> t.chatId() == chatId);
            note = task.isPresent()
                            && !task.get().finished()
                            && handling.cancel(task.get(), noticeId(task.get(), press))
                    ? texts.t("tasks.cancelled_one", "id", id)
                    : texts.t("tasks.not_running", "id", id);
        } else if (action.equals("df")) {
            int count = 0;
            for (TaskEntry task : tasks.ofChat(chatId)) {
                if (task.finished()) {
                    tasks.remove(task.taskId());
                    folders.delete(task.taskId());
                    count++;
                }
            }
            note = count > 0 ? texts.t("tasks.removed", "count", count) : texts.t("tasks.nothing_to_clean");
        } else {
            log.warn("Unknown tasks selector callback {}", press.data());
            note = texts.t("tasks.unknown_action");
        }
        message.update(press, view(chatId, note));
        return note;
    }

    private static String noticeId(TaskEntry task, ButtonPressed press) {
        return "task-" + task.taskId() + "-b" + press.callbackId();
    }

    View view(long chatId, @Nullable String note) {
        List<TaskEntry> all = tasks.ofChat(chatId);
        if (all.isEmpty()) {
            String body = note == null ? texts.t("tasks.empty") : note + "\n\n" + texts.t("tasks.empty");
            return new View(
                    Texts.fmt(texts.t("tasks.header"), Texts.SEP, body, Texts.SEP, texts.t("tasks.empty_hint")),
                    List.of(List.of(new Button(texts.t("tasks.btn_refresh"), CALLBACK_PREFIX + "r"))));
        }
        List<TaskEntry> running =
                all.stream().filter(t -> t.status().equals(TaskEntry.RUNNING)).toList();
        List<TaskEntry> waiting =
                all.stream().filter(t -> t.status().equals(TaskEntry.WAITING)).toList();
        List<TaskEntry> finished = all.stream().filter(TaskEntry::finished).toList();
        List<String> blocks = new ArrayList<>();
        blocks.add(texts.t("tasks.header"));
        blocks.add(Texts.SEP);
        section(blocks, "tasks.running", running);
        section(blocks, "tasks.waiting", waiting);
        section(blocks, "tasks.finished", finished);
        blocks.add(Texts.SEP);
        String summary = texts.t(
                "tasks.summary", "running", running.size(), "waiting", waiting.size(), "finished", finished.size());
        blocks.add(note == null ? summary : summary + "\n" + note);
        List<List<Button>> rows = new ArrayList<>();
        for (TaskEntry task : all) {
            if (!task.finished()) {
                rows.add(List.of(new Button(
                        texts.t("tasks.btn_cancel", "name", task.name()), CALLBACK_PREFIX + "c:" + task.taskId())));
            }
        }
        List<Button> last = new ArrayList<>();
        if (running.size() + waiting.size() > 1) {
            last.add(new Button(texts.t("tasks.btn_cancel_all"), CALLBACK_PREFIX + "ca"));
        }
        last.add(new Button(texts.t("tasks.btn_refresh"), CALLBACK_PREFIX + "r"));
        if (!finished.isEmpty()) {
            last.add(new Button(texts.t("tasks.btn_delete_finished"), CALLBACK_PREFIX + "df"));
        }
        rows.add(List.copyOf(last));
        return new View(Texts.fmt(blocks.toArray(String[]::new)), rows);
    }

    private void section(List<String> blocks, String title, List<TaskEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(texts.t(title));
        for (TaskEntry task : entries) {
            lines.add("`" + task.taskId() + "` **" + task.name() + "** | " + task.provider() + "/" + task.model()
                    + " | " + task.status());
            String detail = task.status().equals(TaskEntry.WAITING) && task.lastQuestion() != null
                    ? task.lastQuestion()
                    : task.finished() && task.error() != null ? task.error() : task.promptPreview();
            lines.add("     > _" + TaskEntry.cut(detail, 80) + "_");
        }
        blocks.add(String.join("\n", lines));
    }
}
