package dev.ductor.orchestrator.automation;

import dev.ductor.config.DuctorHome;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.LockedFiles;
import dev.ductor.state.StateNotWritten;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The automation files of ductor's home as the runs need them: a job of {@code cron_jobs.json}, its
 * task folder, and the results written back — {@code last_run_at}/{@code last_run_status} of a job,
 * {@code last_error} of a hook in {@code webhooks.json} — atomically, every other field kept.
 */
@Component
class TaskFiles {

    private static final Logger log = LoggerFactory.getLogger(TaskFiles.class);
    static final String DEFAULT_INSTRUCTION =
            "Read through TASK_DESCRIPTION.md and carry it out. Stay focused and complete the task neatly.";

    private final Path home;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private @Nullable JsonNode lastGoodCronJobs;

    @Autowired
    TaskFiles(DuctorHome home) {
        this(home.root());
    }

    TaskFiles(Path home) {
        this.home = home;
    }

    /** The folder of a task inside {@code workspace/cron_tasks}, if it exists there (no path escapes). */
    Optional<Path> folder(String taskFolder) {
        Path root =
                home.resolve("workspace").resolve("cron_tasks").toAbsolutePath().normalize();
        Path folder = root.resolve(taskFolder).normalize();
        return folder.startsWith(root)
                        && !folder.equals(root)
                        && Files.isDirectory(folder)
                        && realPathInside(folder, root)
                ? Optional.of(folder)
                : Optional.empty();
    }

    /**
     * Creates the task's memory file {@code <task_folder>_MEMORY.md} ({@code # <task_folder> Memory}) when
     * it is missing, so the file each run is told to read exists (behaviour §8.4): {@code cron_add} writes it,
     * a folder made by hand, renamed or taken over from an older home may lack it. An existing file (or
     * link) is never touched; a file that cannot be written is logged, and the run goes ahead.
     */
    void ensureMemory(Path folder, String taskFolder) {
        if (!folder.getFileName().toString().equals(taskFolder)) {
            return; // a nested task folder: the file the run is told about would lie outside the folder
        }
        Path memory = folder.resolve(taskFolder + "_MEMORY.md");
        if (Files.exists(memory, LinkOption.NOFOLLOW_LINKS)) {
            return; // the usual case: the job's memory is there
        }
        try {
            AtomicFiles.write(memory, ("# " + taskFolder + " Memory\n").getBytes(StandardCharsets.UTF_8));
            log.info("Created the missing memory file cron_tasks/{}/{}", taskFolder, memory.getFileName());
        } catch (StateNotWritten e) {
            log.warn(
                    "Cannot create the memory file {}: {}", memory, e.getCause().toString());
        }
    }

    /** Still inside once symlinks are resolved: a linked task folder must not lead out of cron_tasks. */
    private static boolean realPathInside(Path folder, Path root) {
        try {
            Path real = folder.toRealPath();
            Path realRoot = root.toRealPath();
            return real.startsWith(realRoot) && !real.equals(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The job as {@code cron_jobs.json} has it; while the file cannot be parsed (a half-finished hand edit),
     * as the last version read in good shape — the scheduler fires from its last good jobs the same way.
     * Throws when there is none since the start.
     */
    synchronized Optional<CronTask> cronJob(String id) {
        JsonNode root;
        try {
            root = read(cronJobs());
            lastGoodCronJobs = root;
        } catch (RuntimeException e) {
            if (lastGoodCronJobs == null) {
                throw e;
            }
            log.warn("{} cannot be read ({}); job '{}' runs as last read", cronJobs(), e.getMessage(), id);
            root = lastGoodCronJobs;
        }
        for (JsonNode job : jobs(root)) {
            if (id.equals(job.path("id").asString(""))) {
                String folder = job.path("task_folder").asString("");
                List<String> parameters = new ArrayList<>();
                job.path("cli_parameters").forEach(p -> parameters.add(p.asString()));
                JsonNode topic = job.get("topic_id");
                return Optional.of(new CronTask(
                        id,
                        job.path("title").asString(id),
                        folder.isBlank() ? id : folder,
                        job.path("agent_instruction").asString(DEFAULT_INSTRUCTION),
                        text(job, "provider"),
                        text(job, "model"),
                        text(job, "reasoning_effort"),
                        List.copyOf(parameters),
                        text(job, "dependency"),
                        job.path("transport").asString("tg"),
                        job.path("chat_id").asLong(0),
                        topic == null || !topic.isIntegralNumber() ? null : topic.asLong(),
                        job.path("silent_on_success").asBoolean(false)));
            }
        }
        return Optional.empty();
    }

    /** {@code last_run_at} and {@code last_run_status} of a job, best effort. */
    synchronized void recordRun(String id, Instant at, String status) {
        update(cronJobs(), "jobs", id, job -> {
            job.put("last_run_at", at.toString());
            job.put("last_run_status", status);
        });
    }

    /** A hook's {@code last_error} after its run: null for success. */
    synchronized void recordHook(String id, @Nullable String error) {
        update(home.resolve("webhooks.json"), "hooks", id, hook -> {
            if (error == null) {
                hook.putNull("last_error");
            } else {
                hook.put("last_error", error);
            }
        });
    }

    private Path cronJobs() {
        return home.resolve("cron_jobs.json");
    }

    /** Re-reads and writes the file under its lock, shared with /cron and (webhooks.json) the scheduler. */
    private void update(Path file, String list, String id, java.util.function.Consumer<ObjectNode> change) {
        try {
            LockedFiles.update(file, () -> {
                change(file, list, id, change);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not record the result of '{}' in {}: {}", id, file, e.toString());
        }
    }

    private void change(Path file, String list, String id, java.util.function.Consumer<ObjectNode> change) {
        JsonNode root = read(file);
        for (JsonNode node : root.isArray() ? root : root.path(list)) {
            if (node instanceof ObjectNode entry && id.equals(entry.path("id").asString(""))) {
                change.accept(entry);
                AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                return;
            }
        }
        log.warn("{} has no entry '{}' any more; its result is not recorded", file, id);
    }

    private JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode jobs(JsonNode root) {
        return root.isArray() ? root : root.path("jobs");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }
}
