package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.RecentErrors;
import dev.ductor.orchestrator.runners.Runners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /diagnose} (behaviour §2.18), for this service as it is: version, configuration file and target,
 * the runners alive with their CLIs, the turns in flight and the last turns of the asking chat that
 * failed. ductor's "last 50 lines of agent.log" has no equivalent (the services log to stdout); the
 * recent failures take its place.
 */
@Component
public class ShowingDiagnostics {

    private final ConfigStore config;
    private final DuctorHome home;
    private final Runners runners;
    private final TurnJournal journal;
    private final RecentErrors errors;
    private final ObjectProvider<BuildProperties> build;
    private final Texts texts;

    ShowingDiagnostics(
            ConfigStore config,
            DuctorHome home,
            Runners runners,
            TurnJournal journal,
            RecentErrors errors,
            ObjectProvider<BuildProperties> build,
            Texts texts) {
        this.texts = texts;
        this.config = config;
        this.home = home;
        this.runners = runners;
        this.journal = journal;
        this.errors = errors;
        this.build = build;
    }

    /** The diagnostics as the given chat sees them: its own recent failures only (behaviour §2.18). */
    public String diagnose(ChatRef chat) {
        DuctorConfig current = config.current();
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? texts.t("diagnose.version_unknown") : properties.getVersion();
        String info = String.join(
                "\n",
                texts.t(
                        "diagnose.version_line",
                        "version",
                        version,
                        "java",
                        Runtime.version().feature()),
                texts.t("diagnose.configured_line", "provider", current.provider(), "model", current.model()),
                texts.t("diagnose.config_file_line", "file", config.file()),
                texts.t("diagnose.inflight_line", "count", journal.inflight().size()));
        return Texts.fmt(
                texts.t("diagnose.header"),
                Texts.SEP,
                info,
                codexCache(),
                runnerHealth(),
                Texts.SEP,
                recentErrors(chat));
    }

    private String codexCache() {
        Path cache = home.root().resolve("config").resolve("codex_models.json");
        if (!Files.isRegularFile(cache)) {
            return texts.t("diagnose.codex_cache_not_loaded");
        }
        try {
            Instant updated = Files.getLastModifiedTime(cache).toInstant().truncatedTo(ChronoUnit.SECONDS);
            return texts.t("diagnose.codex_cache_updated", "updated", updated);
        } catch (IOException e) {
            return texts.t("diagnose.codex_cache_unreadable", "error", String.valueOf(e.getMessage()));
        }
    }

    private String runnerHealth() {
        List<RunnerStatus> alive = new ArrayList<>(runners.alive());
        if (alive.isEmpty()) {
            return texts.t("diagnose.runners_header") + "\n" + texts.t("diagnose.runners_none");
        }
        alive.sort(Comparator.comparing(RunnerStatus::runnerId));
        var lines = new ArrayList<String>();
        lines.add(texts.t("diagnose.runners_header"));
        for (RunnerStatus runner : alive) {
            lines.add(texts.t(
                    "diagnose.runner_line",
                    "runner",
                    runner.runnerId(),
                    "busy",
                    runner.activeRunIds().size(),
                    "slots",
                    runner.slots(),
                    "at",
                    runner.at().truncatedTo(ChronoUnit.SECONDS)));
            lines.add("  " + runner.providers().stream().map(this::provider).collect(Collectors.joining(", ")));
        }
        return String.join("\n", lines);
    }

    private String provider(RunnerStatus.ProviderStatus p) {
        String state = p.authenticated() ? "authenticated" : p.installed() ? "installed" : "not_found";
        return p.provider() + (p.version() == null ? "" : " " + p.version()) + " (" + texts.t("status.auth_" + state)
                + ")";
    }

    private String recentErrors(ChatRef chat) {
        var recent = errors.of(chat);
        if (recent.isEmpty()) {
            return texts.t("diagnose.errors_none");
        }
        return texts.t("diagnose.errors_header") + "\n"
                + recent.stream()
                        .map(e -> "- " + e.at().truncatedTo(ChronoUnit.SECONDS) + " `" + e.chat() + "` " + e.provider()
                                + " " + e.kind() + ": " + e.detail())
                        .collect(Collectors.joining("\n"));
    }
}
