package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.RecentErrors;
import dev.ductor.orchestrator.run.Runners;
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
 * {@code /diagnose} (spec §2.18), for this service as it is: version, configuration file and target,
 * the runners alive with their CLIs, the turns in flight and the last turns that failed. ductor's
 * "last 50 lines of agent.log" has no equivalent (the services log to stdout); the recent failures
 * take its place.
 */
@Component
public class ShowingDiagnostics {

    private final ConfigStore config;
    private final DuctorHome home;
    private final Runners runners;
    private final TurnJournal journal;
    private final RecentErrors errors;
    private final ObjectProvider<BuildProperties> build;

    ShowingDiagnostics(
            ConfigStore config,
            DuctorHome home,
            Runners runners,
            TurnJournal journal,
            RecentErrors errors,
            ObjectProvider<BuildProperties> build) {
        this.config = config;
        this.home = home;
        this.runners = runners;
        this.journal = journal;
        this.errors = errors;
        this.build = build;
    }

    public String diagnose() {
        DuctorConfig current = config.current();
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "unknown (no build-info)" : properties.getVersion();
        String info = String.join(
                "\n",
                "Version: `" + version + "` (Java " + Runtime.version().feature() + ")",
                "Configured: " + current.provider() + " / " + current.model(),
                "Config file: `" + config.file() + "`",
                "Turns in flight: " + journal.inflight().size());
        return Texts.fmt(
                "**System Diagnostics**", Texts.SEP, info, codexCache(), runnerHealth(), Texts.SEP, recentErrors());
    }

    private String codexCache() {
        Path cache = home.root().resolve("config").resolve("codex_models.json");
        if (!Files.isRegularFile(cache)) {
            return "Codex Model Cache: Not loaded";
        }
        try {
            Instant updated = Files.getLastModifiedTime(cache).toInstant().truncatedTo(ChronoUnit.SECONDS);
            return "Codex Model Cache:\n  Last updated: " + updated;
        } catch (IOException e) {
            return "Codex Model Cache: unreadable (" + e.getMessage() + ")";
        }
    }

    private String runnerHealth() {
        List<RunnerStatus> alive = new ArrayList<>(runners.alive());
        if (alive.isEmpty()) {
            return "**Runners:**\nNo runner reported in the last 2 minutes.";
        }
        alive.sort(Comparator.comparing(RunnerStatus::runnerId));
        var lines = new ArrayList<String>();
        lines.add("**Runners:**");
        for (RunnerStatus runner : alive) {
            lines.add("● `" + runner.runnerId() + "` — " + runner.activeRunIds().size() + "/" + runner.slots()
                    + " slot(s) busy, last report " + runner.at().truncatedTo(ChronoUnit.SECONDS));
            lines.add("  "
                    + runner.providers().stream()
                            .map(ShowingDiagnostics::provider)
                            .collect(Collectors.joining(", ")));
        }
        return String.join("\n", lines);
    }

    private static String provider(RunnerStatus.ProviderStatus p) {
        String state = p.authenticated() ? "authenticated" : p.installed() ? "installed" : "not_found";
        return p.provider() + (p.version() == null ? "" : " " + p.version()) + " (" + state + ")";
    }

    private String recentErrors() {
        var recent = errors.all();
        if (recent.isEmpty()) {
            return "Recent errors: none since the orchestrator started.";
        }
        return "Recent errors (newest first):\n"
                + recent.stream()
                        .map(e -> "- " + e.at().truncatedTo(ChronoUnit.SECONDS) + " `" + e.chat() + "` " + e.provider()
                                + " " + e.kind() + ": " + e.detail())
                        .collect(Collectors.joining("\n"));
    }
}
