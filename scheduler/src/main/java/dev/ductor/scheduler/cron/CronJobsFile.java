package dev.ductor.scheduler.cron;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cron_jobs.json} in ductor's format ({@code {"jobs": [...]}}; a bare array is read too), re-read
 * when its modification time changes (the agent's cron tool, {@code /cron} toggles, hand edits). A file
 * that is not valid JSON is reported with its problem and the last good jobs stay in force; a single job
 * with a bad schedule or no id is reported and left out, the others run. A missing file means no jobs.
 */
final class CronJobsFile {

    private static final Logger log = LoggerFactory.getLogger(CronJobsFile.class);

    private final Path file;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private List<CronJob> jobs = List.of();
    private @Nullable FileTime loadedAt;
    private boolean loadedMissing;

    CronJobsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The jobs now in force, as of the last {@link #reloadIfChanged()} (which the caller's tick runs first). */
    synchronized List<CronJob> jobs() {
        return jobs;
    }

    /** True when the file changed since the last look (and was reloaded, or found broken). */
    synchronized boolean reloadIfChanged() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            if (!loadedMissing) {
                loadedMissing = true;
                loadedAt = null;
                jobs = List.of();
                return true;
            }
            return false;
        } catch (IOException e) {
            log.warn("Cannot look at {}: {}", file, e.toString());
            return false;
        }
        if (!loadedMissing && modified.equals(loadedAt)) {
            return false;
        }
        loadedMissing = false;
        loadedAt = modified;
        try {
            jobs = parse(Files.readAllBytes(file));
            log.info("Loaded {} cron job(s) from {}", jobs.size(), file);
        } catch (JacksonException e) {
            log.error(
                    "{} is not valid JSON ({}); the {} job(s) loaded before stay in force until it is fixed",
                    file,
                    e.getOriginalMessage(),
                    jobs.size());
        } catch (IllegalArgumentException e) {
            log.error("{} is not a cron job file ({}); the jobs loaded before stay in force", file, e.getMessage());
        } catch (IOException e) {
            log.error("Cannot read {} ({}); the jobs loaded before stay in force", file, e.toString());
        }
        return true;
    }

    List<CronJob> parse(byte[] content) throws IOException {
        JsonNode root = mapper.readTree(content);
        JsonNode list = root.isArray() ? root : root.path("jobs");
        if (!list.isArray()) {
            throw new IllegalArgumentException("expected {\"jobs\": [...]}");
        }
        List<CronJob> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : list) {
            index++;
            String id = text(node, "id");
            if (id == null || id.isBlank()) {
                log.error("Cron job #{} in {} has no id; not scheduled", index, file);
                continue;
            }
            if (!ids.add(id)) {
                log.error("Cron job id '{}' appears twice in {}; only the first is scheduled", id, file);
                continue;
            }
            String schedule = text(node, "schedule");
            CronExpression expression = null;
            try {
                expression = CronExpression.parse(schedule == null ? "" : schedule);
            } catch (IllegalArgumentException e) {
                log.error(
                        "Cron job '{}' has an invalid schedule '{}': {}; not scheduled", id, schedule, e.getMessage());
            }
            String transport = text(node, "transport");
            parsed.add(new CronJob(
                    id,
                    schedule == null ? "" : schedule,
                    expression,
                    node.path("enabled").asBoolean(true),
                    text(node, "timezone"),
                    hour(node, "quiet_start"),
                    hour(node, "quiet_end"),
                    transport == null || transport.isBlank() ? "tg" : transport));
        }
        return List.copyOf(parsed);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable Integer hour(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }
}
