package dev.ductor.orchestrator.status;

import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /cron} (spec §2.16), read-only: the jobs of {@code cron_jobs.json} with their state and
 * schedule. Toggling them from the chat (the {@code crn:*} buttons) is not built yet.
 */
@Component
public class ListingCron {

    private final DuctorHome home;
    private final Texts texts;

    ListingCron(DuctorHome home, Texts texts) {
        this.texts = texts;
        this.home = home;
    }

    public String list() {
        List<String> jobs = new ArrayList<>();
        int active = 0;
        var file = home.root().resolve("cron_jobs.json");
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
                JsonNode list = root.isArray() ? root : root.path("jobs");
                for (JsonNode job : list) {
                    boolean enabled = job.path("enabled").asBoolean(true);
                    active += enabled ? 1 : 0;
                    jobs.add(texts.t(
                            "cron.job_line",
                            "number",
                            jobs.size() + 1,
                            "title",
                            job.path("title").asString(job.path("id").asString("job")),
                            "status",
                            texts.t(enabled ? "cron.status_active" : "cron.status_paused"),
                            "schedule",
                            job.path("schedule").asString("")));
                }
            }
        } catch (Exception e) {
            return Texts.fmt(texts.t("cron.header"), Texts.SEP, texts.t("cron.unreadable", "error", e.getMessage()));
        }
        if (jobs.isEmpty()) {
            return Texts.fmt(
                    texts.t("cron.header"), Texts.SEP, texts.t("cron.empty") + "\n" + texts.t("cron.empty_hint"));
        }
        return Texts.fmt(
                texts.t("cron.header"),
                Texts.SEP,
                String.join("\n", jobs),
                texts.t("cron.info_active", "active", active, "total", jobs.size()));
    }
}
