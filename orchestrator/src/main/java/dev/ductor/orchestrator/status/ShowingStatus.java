package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.orchestrator.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code /status} (behaviour §2.10) with the real figures: the chat's session (active provider bucket),
 * its queue, the runs across all runners, and per provider whether a runner has its CLI logged in.
 */
@Component
public class ShowingStatus {

    private final SessionStore sessions;
    private final ConfigStore config;
    private final Conversations conversations;
    private final Runners runners;
    private final Texts texts;
    private final Clock clock = Clock.systemUTC();

    ShowingStatus(
            SessionStore sessions, ConfigStore config, Conversations conversations, Runners runners, Texts texts) {
        this.texts = texts;
        this.sessions = sessions;
        this.config = config;
        this.conversations = conversations;
        this.runners = runners;
    }

    public String status(ChatRef chat) {
        var current = config.current();
        List<String> lines = new ArrayList<>();
        lines.add(texts.t("status.header"));
        var session = sessions.get(chat);
        String model = session.map(s -> s.model()).orElse(current.model());
        if (session.isEmpty()) {
            lines.add(texts.t("status.no_session"));
        } else {
            var s = session.get();
            if (s.topicName() != null) {
                lines.add(texts.t("status.topic_line", "topic", s.topicName()));
            }
            var bucket = s.active();
            String id = bucket.sessionId();
            lines.add(texts.t(
                    "status.session_line",
                    "sid",
                    id == null ? texts.t("status.session_new") : id.substring(0, Math.min(8, id.length())) + "..."));
            lines.add(texts.t("status.messages_line", "count", bucket.messageCount()));
            lines.add(texts.t("status.tokens_line", "tokens", String.format(Locale.ROOT, "%,d", bucket.totalTokens())));
            lines.add(texts.t("status.cost_line", "cost", String.format(Locale.ROOT, "%.4f", bucket.totalCostUsd())));
            lines.add(texts.t("status.age_line", "age", age(Duration.between(s.createdAt(), clock.instant()))));
        }
        lines.add(
                model.equals(current.model())
                        ? texts.t("status.model_line", "model", model)
                        : texts.t("status.model_line_configured", "model", model, "configured", current.model()));
        String provider = session.map(s -> s.provider()).orElse(current.provider());
        if (provider.equals("codex") && !current.reasoningEffort().equals("default")) {
            lines.add(texts.t("status.effort_line", "effort", current.reasoningEffort()));
        }
        lines.add(texts.t(
                "status.queue_line",
                "running",
                texts.t(conversations.activeRun(chat).isPresent() ? "status.queue_running" : "status.queue_idle"),
                "waiting",
                conversations.waiting(chat)));
        var alive = runners.alive();
        int runs = alive.stream().mapToInt(r -> r.activeRunIds().size()).sum();
        int slots = alive.stream().mapToInt(RunnerStatus::slots).sum();
        lines.add(texts.t("status.runners_line", "alive", alive.size(), "runs", runs, "slots", slots));
        lines.add(texts.t("status.auth_header"));
        var auth = new TreeMap<String, String>();
        for (var runner : alive) {
            for (var p : runner.providers()) {
                String state = p.authenticated() ? "authenticated" : p.installed() ? "installed" : "not_found";
                auth.merge(p.provider(), state, ShowingStatus::better);
            }
        }
        if (auth.isEmpty()) {
            lines.add(texts.t("status.auth_none"));
        }
        auth.forEach((p, state) -> lines.add("  [" + p + "] " + texts.t("status.auth_" + state)));
        return String.join("\n", lines);
    }

    private static String better(String a, String b) {
        List<String> order = List.of("not_found", "installed", "authenticated");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    static String age(Duration age) {
        long hours = age.toHours();
        return hours < 48 ? hours + "h" : age.toDays() + "d";
    }
}
