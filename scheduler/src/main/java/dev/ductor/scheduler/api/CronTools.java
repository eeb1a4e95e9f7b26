package dev.ductor.scheduler.api;

import dev.ductor.model.Transport;
import dev.ductor.scheduler.cron.CronExpression;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cron tools (behaviour §6.8): {@code cron_add}, {@code cron_list}, {@code cron_edit}, {@code cron_remove}
 * and {@code cron_time} over ductor's {@code cron_jobs.json} and {@code workspace/cron_tasks/}, with the
 * scheduler's own checks (the schedule parses as the scheduler parses it, the time zone exists, the task
 * folder stays inside {@code cron_tasks/}). The scheduler's next look at the file schedules the change.
 */
final class CronTools {

    static final String DEFAULT_INSTRUCTION =
            "Read through TASK_DESCRIPTION.md and carry it out. Stay focused and complete the task neatly.";

    /** The transports a job's result can be routed to (their bus codes). */
    static final List<String> TRANSPORTS = Arrays.stream(Transport.values())
            .filter(t -> t != Transport.UNKNOWN)
            .map(Transport::code)
            .toList();

    private final ListFile jobs;
    private final TaskFolders folders;
    private final Supplier<@Nullable String> userTimezone;
    private final Clock clock;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    CronTools(Path jobsFile, TaskFolders folders, Supplier<@Nullable String> userTimezone, Clock clock) {
        this.jobs = new ListFile(jobsFile, "jobs");
        this.folders = folders;
        this.userTimezone = userTimezone;
        this.clock = clock;
    }

    Map<String, AgentTool> tools() {
        return Map.of(
                "cron_add", this::add,
                "cron_list", call -> jobs.read(this::listed),
                "cron_edit", this::edit,
                "cron_remove", this::remove,
                "cron_time", call -> time());
    }

    ToolResult add(ToolCall call) {
        Flags flags;
        try {
            flags = Flags.parse(
                    call.args(),
                    union(ExecutionOverrides.FLAGS, "name", "title", "description", "schedule", "timezone"),
                    Set.of());
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(ADD_USAGE + "\n" + e.getMessage());
        }
        Optional<ToolResult> missing = flags.missing(ADD_USAGE, "name", "title", "description", "schedule");
        if (missing.isPresent()) {
            return missing.get();
        }
        String rawName = flags.text("name").orElseThrow();
        String name = TaskFolders.sanitize(rawName);
        if (name.isEmpty()) {
            return ToolResult.error("Name resolves to empty after sanitization");
        }
        String schedule = flags.text("schedule").orElseThrow();
        ObjectNode job = jobs.newEntry();
        try {
            CronExpression.parse(schedule);
            job.put("id", name);
            job.put("title", flags.text("title").orElseThrow());
            job.put("description", flags.value("description").orElseThrow().strip());
            job.put("schedule", schedule);
            job.put("task_folder", name);
            job.put("agent_instruction", DEFAULT_INSTRUCTION);
            job.put("enabled", true);
            job.put("created_at", clock.instant().toString());
            job.putNull("last_run_at");
            job.putNull("last_run_status");
            Optional<String> zone = flags.text("timezone");
            if (zone.isPresent()) {
                job.put("timezone", zone(zone.get()));
            }
            ExecutionOverrides.apply(flags, job);
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        job.put("chat_id", call.chat().chatId());
        if (call.chat().topicId() != null) {
            job.put("topic_id", call.chat().topicId());
        } else {
            job.putNull("topic_id");
        }
        job.put("transport", call.chat().transport());
        return jobs.update(root -> {
            if (jobs.find(root, name, null) != null) {
                return ToolResult.error("Job '" + name + "' already exists");
            }
            if (folders.inside(name).map(Files::exists).orElse(true)) {
                return ToolResult.error("Folder '" + name + "' already exists in cron_tasks/");
            }
            try {
                folders.createThen(
                        name,
                        job.path("title").asString(),
                        job.path("description").asString(),
                        () -> {
                            jobs.entries(root).add(job);
                            jobs.write(root);
                            return job;
                        });
            } catch (IllegalStateException e) {
                return ToolResult.error(e.getMessage());
            }
            return ToolResult.success(added(name, schedule, flags.text("timezone"), rawName));
        });
    }

    /** {@code base} and {@code more} as one set of flag names. */
    static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private Map<String, Object> added(String name, String schedule, Optional<String> jobZone, String rawName) {
        String path = "cron_tasks/" + name;
        String effective = jobZone.orElseGet(
                () -> Optional.ofNullable(userTimezone.get()).map(String::strip).orElse(""));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job_id", name);
        result.put("schedule", schedule);
        result.put("timezone", effective.isEmpty() ? "UTC (no user_timezone configured)" : effective);
        result.put("task_folder", path);
        result.put("folder_created", true);
        result.put("json_entry_created", true);
        result.put(
                "action_required",
                List.of(
                        "Open " + path + "/TASK_DESCRIPTION.md and fill in the Assignment and Output sections NOW.",
                        "TASK_DESCRIPTION.md is the cron agent's task file. The agent starts in this folder with"
                                + " no chat history and no main memory.",
                        "Make the Assignment specific and actionable: what the agent must do, step by step.",
                        "If scripts are needed: put them into " + path + "/scripts/ and name them in"
                                + " TASK_DESCRIPTION.md.",
                        "The agent's memory is " + path + "/" + name + "_MEMORY.md; its rule file tells it to read"
                                + " and update it.",
                        "To change title/description/schedule/enabled later: python3 tools/cron_tools/cron_edit.py \""
                                + name + "\" ...",
                        "To REMOVE this job later: python3 tools/cron_tools/cron_remove.py \"" + name + "\""));
        if (effective.isEmpty()) {
            result.put(
                    "timezone_warning",
                    "IMPORTANT: No user_timezone is configured. Cron schedules will fire in UTC which is likely"
                            + " WRONG for the user. Ask the user for their timezone (country/city) and set"
                            + " user_timezone in config.json (e.g. \"Europe/Berlin\", \"America/New_York\").");
        }
        if (!name.equals(rawName)) {
            result.put("name_sanitized", true);
            result.put("original_name", rawName);
            result.put(
                    "warning",
                    "Name was sanitized: '" + rawName + "' -> '" + name + "'. Use '" + name
                            + "' as the job ID for all future operations (list, edit, remove).");
        }
        return result;
    }

    private ToolResult listed(ObjectNode root) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode job : jobs.entries(root)) {
            String folder = job.path("task_folder").asString("");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", job.path("id").asString(""));
            entry.put("title", job.path("title").asString(""));
            entry.put("schedule", job.path("schedule").asString(""));
            entry.put("task_folder", folder);
            entry.put("enabled", job.path("enabled").asBoolean(true));
            entry.put("last_run_at", nullable(job, "last_run_at"));
            entry.put("last_run_status", nullable(job, "last_run_status"));
            entry.put("task_folder_exists", !folder.isEmpty() && folders.exists(folder));
            String zone = nullable(job, "timezone");
            if (zone != null && !zone.isBlank()) {
                entry.put("timezone", zone);
            }
            list.add(entry);
        }
        String zone = Optional.ofNullable(userTimezone.get()).map(String::strip).orElse("");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jobs", list);
        result.put("count", list.size());
        result.put("user_timezone", zone.isEmpty() ? "NOT SET (schedules fire in UTC!)" : zone);
        result.put(
                "how_to_modify",
                Map.of(
                        "change_schedule",
                        "python3 tools/cron_tools/cron_edit.py \"<job-id>\" --schedule \"<cron-expr>\". Do NOT"
                                + " delete and recreate the job.",
                        "change_task_content",
                        "Edit cron_tasks/<name>/TASK_DESCRIPTION.md -- it is what the cron agent does.",
                        "enable_disable",
                        "python3 tools/cron_tools/cron_edit.py \"<job-id>\" --enable|--disable"));
        result.put(
                "how_to_create",
                "python3 tools/cron_tools/cron_add.py --name \"...\" --title \"...\" --description \"...\""
                        + " --schedule \"...\" then fill in cron_tasks/<name>/TASK_DESCRIPTION.md.");
        return ToolResult.success(result);
    }

    ToolResult edit(ToolCall call) {
        Flags flags;
        try {
            flags = Flags.parse(
                    call.args(),
                    union(
                            ExecutionOverrides.FLAGS,
                            "name",
                            "title",
                            "description",
                            "schedule",
                            "timezone",
                            "chat-id",
                            "topic-id",
                            "transport"),
                    Set.of(
                            "enable",
                            "disable",
                            "clear-topic-id",
                            "silent-on-success",
                            "no-silent-on-success",
                            "clear-quiet-hours",
                            "clear-dependency",
                            "clear-provider",
                            "clear-model",
                            "clear-reasoning-effort",
                            "clear-cli-parameters"));
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(EDIT_USAGE + "\n" + e.getMessage());
        }
        if (flags.positional().size() != 1 || flags.positional().getFirst().isBlank()) {
            return ToolResult.usage(EDIT_USAGE);
        }
        if (flags.on("enable") && flags.on("disable")) {
            return ToolResult.error("--enable and --disable exclude each other");
        }
        if (flags.has("topic-id") && flags.on("clear-topic-id")) {
            return ToolResult.error("--topic-id and --clear-topic-id exclude each other");
        }
        if (flags.on("silent-on-success") && flags.on("no-silent-on-success")) {
            return ToolResult.error("--silent-on-success and --no-silent-on-success exclude each other");
        }
        String wanted = flags.positional().getFirst().strip();
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        Optional<String> rawName = flags.value("name").map(String::strip);
        String newName = rawName.map(TaskFolders::sanitize).orElse(null);
        if (newName != null && newName.isEmpty()) {
            return ToolResult.error("Name resolves to empty after sanitization");
        }
        try {
            flags.text("title").ifPresent(t -> changes.put("title", nodes.stringNode(t)));
            flags.value("description").ifPresent(d -> changes.put("description", nodes.stringNode(d.strip())));
            Optional<String> schedule = flags.text("schedule");
            if (schedule.isPresent()) {
                CronExpression.parse(schedule.get());
                changes.put("schedule", nodes.stringNode(schedule.get()));
            }
            flags.value("timezone")
                    .map(String::strip)
                    .ifPresent(z -> changes.put("timezone", nodes.stringNode(z.isEmpty() ? "" : zone(z))));
            ObjectNode overrides = jobs.newEntry();
            ExecutionOverrides.apply(flags, overrides);
            overrides.properties().forEach(e -> changes.put(e.getKey(), e.getValue()));
            flags.integer("chat-id").ifPresent(id -> changes.put("chat_id", nodes.numberNode(id)));
            flags.integer("topic-id").ifPresent(id -> changes.put("topic_id", nodes.numberNode(id)));
            flags.choice("transport", TRANSPORTS).ifPresent(t -> changes.put("transport", nodes.stringNode(t)));
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        clear(flags, "clear-quiet-hours", changes, "quiet_start", "quiet_end");
        clear(flags, "clear-dependency", changes, "dependency");
        clear(flags, "clear-provider", changes, "provider");
        clear(flags, "clear-model", changes, "model");
        clear(flags, "clear-reasoning-effort", changes, "reasoning_effort");
        clear(flags, "clear-cli-parameters", changes, "cli_parameters");
        clear(flags, "clear-topic-id", changes, "topic_id");
        if (flags.on("silent-on-success") || flags.on("no-silent-on-success")) {
            changes.put("silent_on_success", nodes.booleanNode(flags.on("silent-on-success")));
        }
        if (flags.on("enable") || flags.on("disable")) {
            changes.put("enabled", nodes.booleanNode(flags.on("enable")));
        }
        if (changes.isEmpty() && newName == null) {
            return ToolResult.usage(
                    EDIT_USAGE + "\nMissing changes: pass at least one edit flag (e.g. --schedule, --title, --name).");
        }
        return jobs.update(root -> {
            ObjectNode job = jobs.find(root, wanted, "task_folder");
            if (job == null) {
                return notFound(root, wanted);
            }
            String oldId = job.path("id").asString("");
            String oldFolder = job.path("task_folder").asString(oldId);
            boolean rename = newName != null && !newName.equals(oldId);
            if (rename && jobs.find(root, newName, null) != null) {
                return ToolResult.error("Job '" + newName + "' already exists");
            }
            List<String> updated = new ArrayList<>();
            if (rename) {
                job.put("id", newName);
                job.put("task_folder", newName);
                updated.add("id");
                updated.add("task_folder");
            }
            changes.forEach((field, value) -> {
                if (!value.equals(job.get(field))) {
                    job.set(field, value);
                    updated.add(field);
                }
            });
            if (updated.isEmpty()) {
                return ToolResult.success(
                        Map.of("job_id", oldId, "updated", false, "message", "No effective changes detected."));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("job_id", job.path("id").asString());
            result.put("updated", true);
            result.put("updated_fields", updated);
            result.put("schedule", job.path("schedule").asString(""));
            result.put("enabled", job.path("enabled").asBoolean(true));
            result.put("task_folder", "cron_tasks/" + job.path("task_folder").asString(""));
            if (rename) {
                try {
                    List<String> notes = folders.renameThen(oldFolder, oldId, newName, () -> jobs.write(root));
                    result.put("folder_renamed", folders.exists(newName));
                    result.put("notes", notes);
                } catch (IllegalStateException e) {
                    return ToolResult.error(e.getMessage());
                }
                result.put("original_name", oldId);
                result.put("new_name", newName);
                if (!newName.equals(rawName.orElseThrow())) {
                    result.put("name_sanitized", true);
                }
            } else {
                jobs.write(root);
            }
            if (!oldId.equals(wanted)) {
                result.put("matched_via", "task_folder");
            }
            return ToolResult.success(result);
        });
    }

    private void clear(Flags flags, String flag, Map<String, JsonNode> changes, String... fields) {
        if (flags.on(flag)) {
            for (String field : fields) {
                changes.put(field, nodes.nullNode());
            }
        }
    }

    ToolResult remove(ToolCall call) {
        if (call.args().size() != 1 || call.args().getFirst().isBlank()) {
            return ToolResult.usage(REMOVE_USAGE);
        }
        String wanted = call.args().getFirst().strip();
        return jobs.update(root -> {
            ObjectNode job = jobs.find(root, wanted, "task_folder");
            if (job == null) {
                return notFound(root, wanted);
            }
            String id = job.path("id").asString("");
            String folder = job.path("task_folder").asString(id);
            jobs.remove(root, job);
            jobs.write(root);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("job_id", id);
            result.put("json_entry_removed", true);
            Optional<Path> path = folders.inside(folder);
            boolean deleted = false;
            if (path.isEmpty()) {
                result.put("folder_error", "Path traversal blocked: '" + folder + "' resolves outside cron_tasks");
            } else {
                try {
                    deleted = folders.delete(path.get());
                    if (!deleted) {
                        result.put("folder_note", "Folder did not exist (already deleted or never created)");
                    }
                } catch (UncheckedIOException e) {
                    // The job is removed already; the answer says so, and that its folder stays.
                    result.put("folder_error", e.getMessage() + ": " + e.getCause());
                }
            }
            result.put("folder_deleted", deleted);
            result.put("folder_path", "cron_tasks/" + folder);
            if (!id.equals(wanted)) {
                result.put("matched_via", "task_folder");
                result.put(
                        "note",
                        "You passed '" + wanted + "' but the actual job ID is '" + id
                                + "'. Always use the exact job ID from cron_list.py.");
            }
            return ToolResult.success(result);
        });
    }

    ToolResult time() {
        String zone = Optional.ofNullable(userTimezone.get()).map(String::strip).orElse("");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user_timezone", zone.isEmpty() ? "NOT SET (schedules fire in UTC!)" : zone);
        ZoneId effective = ZoneId.of("UTC");
        try {
            effective = zone.isEmpty() ? effective : ZoneId.of(zone);
        } catch (DateTimeException e) {
            result.put("warning", "user_timezone '" + zone + "' is not a known IANA zone; UTC is used");
        }
        result.put("now_utc", clock.instant().toString());
        result.put(
                "now_local", clock.instant().atZone(effective).toLocalDateTime().toString());
        return ToolResult.success(result);
    }

    private ToolResult notFound(ObjectNode root, String wanted) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("error", "Job '" + wanted + "' not found");
        result.put("hint", "Use the EXACT job ID from cron_list.py output.");
        result.put("available_jobs", jobs.ids(root));
        return ToolResult.failure(result);
    }

    private static String zone(String name) {
        try {
            return ZoneId.of(name).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "Unknown timezone '" + name + "': use an IANA name such as 'Europe/Berlin' or 'America/New_York'");
        }
    }

    private static @Nullable String nullable(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static final String ADD_USAGE = """
            CRON ADD -- create a scheduled job with its own task folder (cron_tasks/<name>/) and its entry in
            cron_jobs.json; the scheduler picks it up within seconds.

            REQUIRED: --name ID  --title TEXT  --description TEXT  --schedule "MIN HOUR DOM MONTH DOW"
            OPTIONAL: --timezone IANA (default: user_timezone of config.json, else UTC)
                      --provider claude|codex|gemini  --model M  --reasoning-effort low|medium|high|xhigh
                      --cli-parameters '["--flag"]'  --quiet-start H --quiet-end H  --dependency KEY

            EXAMPLE: python3 tools/cron_tools/cron_add.py --name morning-brief --title "Morning brief" \\
                         --description "Summarise my calendar" --schedule "0 8 * * *"
            """;

    private static final String EDIT_USAGE = """
            CRON EDIT -- change a job in place: python3 tools/cron_tools/cron_edit.py "<job-id>" FLAGS
            FLAGS: --name NEW-ID (renames the job id and its task folder)  --title T  --description D
                   --schedule "CRON"  --timezone IANA  --enable | --disable
                   --provider claude|codex|gemini | --clear-provider   --model M | --clear-model
                   --reasoning-effort low|medium|high|xhigh | --clear-reasoning-effort
                   --cli-parameters '["--flag"]' | --clear-cli-parameters
                   --quiet-start H --quiet-end H | --clear-quiet-hours   --dependency KEY | --clear-dependency
            ROUTING (where the job's result is sent; set from the chat the job was created in):
                   --chat-id N (0: every allowed chat)  --topic-id N | --clear-topic-id  --transport tg|mx|api
                   --silent-on-success | --no-silent-on-success (no message when a run succeeds; failures
                   are always sent)
            """;

    private static final String REMOVE_USAGE = """
            CRON REMOVE -- delete a job and its task folder: python3 tools/cron_tools/cron_remove.py "<job-id>"
            (the exact id from python3 tools/cron_tools/cron_list.py)
            """;
}
