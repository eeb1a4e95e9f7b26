package dev.ductor.scheduler.api;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.TaskRequested;
import dev.ductor.scheduler.ToOrchestrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background task tools (behaviour §5.7, §6.8): {@code create_task}, {@code resume_task},
 * {@code ask_parent}, {@code cancel_task}, {@code delete_task} and {@code list_tasks}. The orchestrator is the
 * one writer of {@code tasks.json}: here a call is checked against it (read only), against the chat that
 * ran the tool (a chat sees and changes only its own tasks) and the limits, then handed to the orchestrator
 * as a {@link TaskRequested} on {@code ductor.inbound}, confirmed by the broker before the tool answers. A
 * {@code create_task} gets its task id from here at once.
 */
final class TaskTools {

    private static final Logger log = LoggerFactory.getLogger(TaskTools.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}");
    private static final List<String> PROVIDERS = List.of("claude", "codex", "gemini");
    private static final List<String> PRIORITIES = List.of("interactive", "background", "batch");
    private static final List<String> THINKING = List.of("low", "medium", "high", "xhigh");
    private static final Set<String> RESUMABLE = Set.of("done", "failed", "cancelled", "waiting");
    private static final Set<String> FINISHED = Set.of("done", "failed", "cancelled");

    static final String CREATE_USAGE =
            "usage: create_task.py [--name NAME] [--provider claude|codex|gemini] [--model M]"
                    + " [--thinking low|medium|high|xhigh] [--priority interactive|background|batch] \"prompt with ALL context\"";
    static final String RESUME_USAGE = "usage: resume_task.py TASK_ID \"follow-up\"";
    static final String ASK_USAGE = "usage: ask_parent.py TASK_ID \"question\"";

    private final Path tasksFile;
    private final ToOrchestrator orchestrator;
    private final Supplier<DuctorConfig.Tasks> settings;
    private final Clock clock;

    TaskTools(Path tasksFile, ToOrchestrator orchestrator, Supplier<DuctorConfig.Tasks> settings, Clock clock) {
        this.tasksFile = tasksFile;
        this.orchestrator = orchestrator;
        this.settings = settings;
        this.clock = clock;
    }

    Map<String, AgentTool> tools() {
        return Map.of(
                "create_task", this::create,
                "resume_task", this::resume,
                "ask_parent", this::askParent,
                "list_tasks", this::list,
                "cancel_task", call -> change(call, TaskRequested.CANCEL, "cancel_task.py"),
                "delete_task", call -> change(call, TaskRequested.DELETE, "delete_task.py"));
    }

    ToolResult create(ToolCall call) {
        Flags flags;
        String provider;
        String priority;
        String thinking;
        try {
            flags = Flags.parse(call.args(), Set.of("name", "provider", "model", "thinking", "priority"), Set.of());
            provider = flags.choice("provider", PROVIDERS).orElse(null);
            thinking = flags.choice("thinking", THINKING).orElse(null);
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(CREATE_USAGE + "\n" + e.getMessage());
        }
        // ductor: an unknown priority counts as background
        priority = flags.text("priority").filter(PRIORITIES::contains).orElse("background");
        String prompt = String.join(" ", flags.positional()).strip();
        if (prompt.isEmpty()) {
            return ToolResult.usage(CREATE_USAGE + "\nMissing required parameters: prompt");
        }
        Optional<ToolResult> refused = refusedOutsideAChat(call).or(this::disabled);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<JsonNode> tasks;
        try {
            tasks = tasks();
        } catch (IllegalStateException e) {
            return ToolResult.error(e.getMessage());
        }
        int max = settings.get().maxParallel();
        long running = tasks.stream()
                .filter(t -> t.path("chat_id").asLong() == call.chat().chatId())
                .filter(t -> t.path("status").asString("").equals("running"))
                .filter(t -> !t.path("priority").asString("").equals("interactive"))
                .count();
        if (!priority.equals("interactive") && running >= max) {
            return ToolResult.error("Too many background tasks (" + max + " max)");
        }
        String taskId;
        do {
            taskId = hex(4);
        } while (find(tasks, taskId).isPresent());
        String name = flags.text("name").orElse(taskId);
        var request = new TaskRequested(
                hex(4),
                TaskRequested.CREATE,
                taskId,
                chat(call),
                orchestrator.agent(),
                prompt,
                name,
                provider,
                flags.text("model").orElse(null),
                thinking,
                priority,
                clock.instant());
        return send(request)
                .orElseGet(() -> new ToolResult(
                        true,
                        "Background task '" + name + "' created (task_id: " + request.taskId()
                                + "). The result will be delivered back to your chat when ready."));
    }

    ToolResult resume(ToolCall call) {
        List<String> args = call.args();
        if (args.size() < 2 || args.get(1).isBlank()) {
            return ToolResult.usage(RESUME_USAGE);
        }
        String text = String.join(" ", args.subList(1, args.size())).strip();
        return owned(call, args.getFirst()).map(ToolResult::error).orElseGet(() -> {
            JsonNode task = find(tasksOrEmpty(), args.getFirst()).orElseThrow();
            String status = task.path("status").asString("");
            if (!RESUMABLE.contains(status)) {
                return ToolResult.error("Task '" + args.getFirst() + "' is " + status
                        + "; only done, failed, cancelled or waiting tasks can be resumed");
            }
            if (task.path("session_id").asString("").isBlank()) {
                return ToolResult.error("Task '" + args.getFirst() + "' has no session to resume");
            }
            double expires = task.path("expires_at").asDouble(0);
            if (expires > 0 && expires * 1000 < clock.millis()) {
                return ToolResult.error("Task '" + args.getFirst() + "' has expired and cannot be resumed");
            }
            return request(call, TaskRequested.RESUME, args.getFirst(), text)
                    .orElseGet(() -> new ToolResult(
                            true,
                            "Task '" + args.getFirst() + "' resumed. The result will be delivered back to your chat"
                                    + " when ready."));
        });
    }

    ToolResult askParent(ToolCall call) {
        List<String> args = call.args();
        if (args.size() < 2 || args.get(1).isBlank()) {
            return ToolResult.usage(ASK_USAGE);
        }
        String question = String.join(" ", args.subList(1, args.size())).strip();
        return owned(call, args.getFirst()).map(ToolResult::error).orElseGet(() -> {
            JsonNode task = find(tasksOrEmpty(), args.getFirst()).orElseThrow();
            if (!task.path("status").asString("").equals("running")) {
                return ToolResult.error("Task '" + args.getFirst() + "' is not running");
            }
            return request(call, TaskRequested.ASK_PARENT, args.getFirst(), question)
                    .orElseGet(() -> ToolResult.success(Map.of(
                            "success",
                            true,
                            "answer",
                            "Question sent to the parent agent. Finish your current work and end your turn;"
                                    + " you will be resumed with the answer.")));
        });
    }

    ToolResult change(ToolCall call, String action, String tool) {
        if (call.args().size() != 1) {
            return ToolResult.usage("usage: " + tool + " TASK_ID");
        }
        String taskId = call.args().getFirst().strip();
        return owned(call, taskId).map(ToolResult::error).orElseGet(() -> {
            JsonNode task = find(tasksOrEmpty(), taskId).orElseThrow();
            String status = task.path("status").asString("");
            if (action.equals(TaskRequested.CANCEL) && FINISHED.contains(status)) {
                return ToolResult.error("Task `" + taskId + "` not running.");
            }
            if (action.equals(TaskRequested.DELETE) && !FINISHED.contains(status)) {
                return ToolResult.error("Task '" + taskId + "' is " + status
                        + "; only finished tasks (done, failed, cancelled) can be deleted");
            }
            return request(call, action, taskId, null)
                    .orElseGet(() -> new ToolResult(
                            true,
                            action.equals(TaskRequested.CANCEL)
                                    ? "Task `" + taskId + "` cancelled."
                                    : "Task '" + taskId + "' deleted."));
        });
    }

    ToolResult list(ToolCall call) {
        List<JsonNode> tasks;
        try {
            tasks = tasks();
        } catch (IllegalStateException e) {
            return ToolResult.error(e.getMessage());
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (JsonNode task : tasks) {
            if (task.path("chat_id").asLong() != call.chat().chatId()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            for (String field : List.of(
                    "task_id",
                    "name",
                    "status",
                    "priority",
                    "provider",
                    "model",
                    "prompt_preview",
                    "created_at",
                    "elapsed_seconds",
                    "question_count",
                    "last_question",
                    "result_preview",
                    "error")) {
                JsonNode value = task.get(field);
                entry.put(field, value == null || value.isNull() ? null : MAPPER.treeToValue(value, Object.class));
            }
            listed.add(entry);
        }
        return ToolResult.success(Map.of("tasks", listed, "count", listed.size()));
    }

    /** Why the chat that ran the tool may not touch the task, or empty when it may. */
    private Optional<String> owned(ToolCall call, String taskId) {
        if (!TASK_ID.matcher(taskId).matches()) {
            return Optional.of("Invalid task id '" + taskId + "' (8 hex characters, see list_tasks.py)");
        }
        Optional<String> refused = refusedOutsideAChat(call).or(this::disabled).map(ToolResult::output);
        if (refused.isPresent()) {
            return refused.map(TaskTools::errorText);
        }
        List<JsonNode> tasks;
        try {
            tasks = tasks();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        Optional<JsonNode> task = find(tasks, taskId);
        if (task.isEmpty()) {
            return Optional.of("Task '" + taskId + "' not found");
        }
        if (task.get().path("chat_id").asLong() != call.chat().chatId()) {
            log.warn(
                    "A tool in chat {} asked for task {} of another chat; refused",
                    call.chat().chatId(),
                    taskId);
            return Optional.of("Not authorized to change this task");
        }
        return Optional.empty();
    }

    private static String errorText(String json) {
        return MAPPER.readTree(json).path("error").asString(json);
    }

    private Optional<ToolResult> refusedOutsideAChat(ToolCall call) {
        return call.chat().chatId() == 0
                ? Optional.of(ToolResult.error("Background tasks need the chat of a turn (DUCTOR_CHAT_ID is not set)"))
                : Optional.empty();
    }

    private Optional<ToolResult> disabled() {
        return settings.get().enabled()
                ? Optional.empty()
                : Optional.of(ToolResult.error("Task system is not enabled."));
    }

    private Optional<ToolResult> request(ToolCall call, String action, String taskId, @Nullable String text) {
        return send(new TaskRequested(
                hex(4),
                action,
                taskId,
                chat(call),
                orchestrator.agent(),
                text,
                null,
                null,
                null,
                null,
                null,
                clock.instant()));
    }

    /** Hands the request over; a refusal of the broker is the tool's error, nothing is half done. */
    private Optional<ToolResult> send(TaskRequested request) {
        try {
            orchestrator.send(request.chat().transport(), request, request.messageId());
            log.info("Task {} {} handed to the orchestrator", request.taskId(), request.action());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("Task {} {} could not be handed to the orchestrator", request.taskId(), request.action(), e);
            return Optional.of(ToolResult.error(
                    "ductor could not take the request now (" + e.getMessage() + "); nothing was changed, try again"));
        }
    }

    private ChatRef chat(ToolCall call) {
        return new ChatRef(
                call.chat().transport(),
                orchestrator.agent(),
                call.chat().chatId(),
                call.chat().topicId());
    }

    private List<JsonNode> tasksOrEmpty() {
        try {
            return tasks();
        } catch (IllegalStateException e) {
            return List.of();
        }
    }

    /** The entries of {@code tasks.json} as the orchestrator last wrote them; none when there is no file. */
    private List<JsonNode> tasks() {
        String text;
        try {
            text = Files.readString(tasksFile);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("tasks.json cannot be read: " + e.getMessage());
        }
        try {
            JsonNode tasks = MAPPER.readTree(text).path("tasks");
            List<JsonNode> result = new ArrayList<>();
            tasks.forEach(result::add);
            return result;
        } catch (JacksonException e) {
            throw new IllegalStateException("Corrupt tasks.json -- cannot parse");
        }
    }

    private static Optional<JsonNode> find(List<JsonNode> tasks, String taskId) {
        return tasks.stream()
                .filter(t -> t.path("task_id").asString("").equals(taskId))
                .findFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
