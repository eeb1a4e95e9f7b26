package dev.ductor.orchestrator.cron;

import dev.ductor.config.DuctorHome;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.LockedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ductor's {@code cron_jobs.json} ({@code {"jobs": [...]}}, behaviour §6.1) as the {@code /cron} selector
 * needs it: the jobs in file order, and switching {@code enabled} on some of them. Everything else in the
 * file, fields this code does not know included, is written back as it was, atomically.
 */
@Component
class CronJobs {

    /** One job as the selector shows it. */
    public record Job(String id, String title, String schedule, boolean enabled) {}

    private final Path file;
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Autowired
    CronJobs(DuctorHome home) {
        this(home.root().resolve("cron_jobs.json"));
    }

    CronJobs(Path file) {
        this.file = file;
    }

    /** The jobs; none when the file does not exist. Throws with the file's problem when it is unreadable. */
    public synchronized List<Job> list() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : jobsOf(read())) {
            String id = job.path("id").asString("");
            jobs.add(new Job(
                    id,
                    job.path("title").asString(id.isEmpty() ? "job" : id),
                    job.path("schedule").asString(""),
                    job.path("enabled").asBoolean(true)));
        }
        return jobs;
    }

    /** Sets {@code enabled} of the jobs with these ids; returns how many changed. */
    public int setEnabled(Set<String> ids, boolean enabled) {
        return LockedFiles.update(file, () -> switchEnabled(ids, enabled));
    }

    /** Under the file's lock, shared with the results the automation runs write into the same file. */
    private int switchEnabled(Set<String> ids, boolean enabled) {
        JsonNode root = read();
        int changed = 0;
        for (JsonNode job : jobsOf(root)) {
            if (job instanceof ObjectNode object
                    && ids.contains(job.path("id").asString(""))
                    && job.path("enabled").asBoolean(true) != enabled) {
                object.put("enabled", enabled);
                changed++;
            }
        }
        if (changed > 0) {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
        return changed;
    }

    private JsonNode read() {
        if (!Files.isRegularFile(file)) {
            return mapper.createObjectNode().set("jobs", mapper.createArrayNode());
        }
        try {
            return mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ductor writes {@code {"jobs": [...]}}; a bare array (hand-written) is read too. */
    private static ArrayNode jobsOf(JsonNode root) {
        JsonNode jobs = root.isArray() ? root : root.path("jobs");
        return jobs instanceof ArrayNode array
                ? array
                : JsonMapper.builder().build().createArrayNode();
    }
}
