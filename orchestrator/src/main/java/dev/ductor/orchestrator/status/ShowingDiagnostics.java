package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.EffectiveRuntime;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.RecentErrors;
import dev.ductor.orchestrator.runners.Runners;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /diagnose} (behaviour §2.18), for this service as it is: version, configuration file, configured and
 * effective target, the Codex model cache, the runners alive with their CLIs and logins, the broker's queues,
 * the turns in flight and the last turns of the asking chat that failed. ductor's "last 50 lines of agent.log" has no equivalent (the services log to stdout); the
 * recent failures take its place.
 */
@Component
public class ShowingDiagnostics {

    private final ConfigStore config;
    private final Runners runners;
    private final TurnJournal journal;
    private final RecentErrors errors;
    private final ObjectProvider<BuildProperties> build;
    private final Texts texts;
    private final ModelCaches caches;
    private final EffectiveRuntime runtime;
    private final BrokerHealth broker;

    ShowingDiagnostics(
            ConfigStore config,
            Runners runners,
            TurnJournal journal,
            RecentErrors errors,
            ObjectProvider<BuildProperties> build,
            Texts texts,
            ModelCaches caches,
            EffectiveRuntime runtime,
            BrokerHealth broker) {
        this.texts = texts;
        this.caches = caches;
        this.runtime = runtime;
        this.broker = broker;
        this.config = config;
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
                effective(current),
                texts.t("diagnose.config_file_line", "file", config.file()),
                texts.t("diagnose.inflight_line", "count", journal.inflight().size()));
        return Texts.fmt(
                texts.t("diagnose.header"),
                Texts.SEP,
                info,
                codexCache(),
                runnerHealth(),
                broker.health(),
                Texts.SEP,
                recentErrors(chat));
    }

    /** The provider and model a turn on the configured model really runs on (behaviour §4.7). */
    private String effective(DuctorConfig current) {
        var target = runtime.of(current.provider(), current.model());
        return texts.t("health.effective_line", "provider", target.provider(), "model", target.model());
    }

    private String codexCache() {
        var cache = caches.cache("codex");
        if (cache.isEmpty()) {
            return texts.t("diagnose.codex_cache_not_loaded");
        }
        var models = cache.get().models();
        String defaultModel = models.stream()
                .filter(RunnerStatus.ModelInfo::isDefault)
                .map(RunnerStatus.ModelInfo::id)
                .findFirst()
                .orElse(texts.t("health.none"));
        String text = texts.t(
                "health.codex_cache",
                "updated",
                cache.get().lastUpdated().truncatedTo(ChronoUnit.SECONDS),
                "count",
                models.size(),
                "default",
                defaultModel);
        return caches.codex().isEmpty() && !models.isEmpty() ? text + " " + texts.t("health.stale") : text;
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
