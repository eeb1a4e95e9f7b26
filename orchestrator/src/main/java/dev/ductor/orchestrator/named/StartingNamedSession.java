package dev.ductor.orchestrator.named;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code /session} and {@code @name} (behaviour §5.6, §2.13): a new named session with its first prompt, a
 * background follow-up ({@code /session @name …}) or a direct one ({@code @name …}), each answered at once
 * and run on the runners outside the chat's queue. The run's id derives from the message, and the message
 * is marked handled before the hand-over, so a message delivered again starts nothing a second time.
 */
@Component
public class StartingNamedSession {

    private static final Pattern DIRECTIVE = Pattern.compile("^@([a-zA-Z][a-zA-Z0-9_.-]*)\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern FOLLOW_UP =
            Pattern.compile("^@([a-zA-Z][a-zA-Z0-9_-]*)(?:\\s+(.*))?$", Pattern.DOTALL);
    private static final Set<String> PROVIDERS = Set.of("claude", "codex", "gemini");

    private final NamedSessions sessions;
    private final NamedRuns runs;
    private final ConfigStore config;
    private final ModelRegistry models;
    private final Runners runners;
    private final TurnJournal journal;
    private final Replies replies;
    private final Texts texts;

    StartingNamedSession(
            NamedSessions sessions,
            NamedRuns runs,
            ConfigStore config,
            ModelRegistry models,
            Runners runners,
            TurnJournal journal,
            Replies replies,
            Texts texts) {
        this.sessions = sessions;
        this.runs = runs;
        this.config = config;
        this.models = models;
        this.runners = runners;
        this.journal = journal;
        this.replies = replies;
        this.texts = texts;
    }

    /** The named session a message beginning {@code @name} addresses in its chat, if there is one. */
    public Optional<String> addressed(InboundMessage message) {
        var m = FOLLOW_UP.matcher(message.text().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        return sessions.get(message.chat().chatId(), name).map(NamedSession::name);
    }

    /** {@code @name text}: a direct follow-up, answered under {@code [name | provider]}. */
    public void followUp(InboundMessage message) {
        var m = FOLLOW_UP.matcher(message.text().strip());
        if (!m.matches()) {
            return;
        }
        String text = m.group(2) == null ? "" : m.group(2).strip();
        followUp(message, m.group(1).toLowerCase(Locale.ROOT), text, NamedRun.DIRECT);
    }

    /** {@code /session …}: the help without a prompt, else a new session or a background follow-up. */
    public void session(InboundMessage message, String arguments) {
        String rest = arguments.strip();
        if (rest.isEmpty()) {
            reply(message, help());
            return;
        }
        String provider = null;
        String model = null;
        var m = DIRECTIVE.matcher(rest);
        if (m.matches()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            String after = m.group(2).strip();
            if (sessions.get(message.chat().chatId(), word).isPresent()) {
                followUp(message, word, after, NamedRun.BACKGROUND);
                return;
            }
            if (PROVIDERS.contains(word)) {
                provider = word;
                String[] parts = after.split("\\s+", 2);
                if (parts.length == 2
                        && models.isKnown(parts[0])
                        && models.providerOf(parts[0]).equals(word)) {
                    model = parts[0].toLowerCase(Locale.ROOT);
                    after = parts[1].strip();
                }
                rest = after;
            } else if (models.isKnown(word)) {
                model = word;
                provider = models.providerOf(word);
                rest = after;
            }
        }
        start(message, rest, provider, model);
    }

    private void start(InboundMessage message, String prompt, String provider, String model) {
        DuctorConfig current = config.current();
        if (model == null) {
            String configured = current.model();
            model = provider == null || models.providerOf(configured).equals(provider)
                    ? configured
                    : defaultModel(provider);
        }
        provider = models.providerOf(model).equals(provider) || provider == null ? models.providerOf(model) : provider;
        String jobId = jobId(message);
        if (alreadyStarted(message, jobId)) {
            return; // before the limits: a redelivered message is not refused for its own run
        }
        if (runs.running(message.chat().chatId()) >= NamedRuns.MAX_JOBS_PER_CHAT) {
            reply(message, texts.t("named.too_many_jobs", "max", NamedRuns.MAX_JOBS_PER_CHAT));
            return;
        }
        var created = sessions.create(message.chat(), provider, model, current.reasoningEffort(), prompt);
        if (created.isEmpty()) {
            reply(message, texts.t("named.too_many_sessions", "max", NamedSessions.MAX_PER_CHAT));
            return;
        }
        NamedSession session = created.get();
        hand(message, session, prompt, NamedRun.BACKGROUND, jobId);
        String on = label(session.provider()) + (session.model().isBlank() ? "" : " (" + session.model() + ")");
        reply(
                message,
                Texts.fmt(
                        texts.t("named.started_header", "name", session.name()),
                        Texts.SEP,
                        texts.t("named.started_body", "name", session.name(), "provider", on)));
    }

    private void followUp(InboundMessage message, String name, String text, String kind) {
        long chatId = message.chat().chatId();
        var found = sessions.get(chatId, name);
        if (found.isEmpty()) {
            reply(message, texts.t("named.not_found", "name", name));
            return;
        }
        NamedSession session = found.get();
        if (session.status().equals(NamedSession.ENDED)) {
            reply(message, texts.t("named.ended", "name", name));
            return;
        }
        if (session.status().equals(NamedSession.RUNNING)) {
            reply(message, texts.t("named.still_running", "name", name));
            return;
        }
        if (text.isEmpty()) {
            reply(message, help());
            return;
        }
        String jobId = jobId(message);
        if (alreadyStarted(message, jobId)) {
            return;
        }
        if (runs.running(chatId) >= NamedRuns.MAX_JOBS_PER_CHAT) {
            reply(message, texts.t("named.too_many_jobs", "max", NamedRuns.MAX_JOBS_PER_CHAT));
            return;
        }
        hand(message, session, text, kind, jobId);
        if (kind.equals(NamedRun.BACKGROUND)) {
            reply(
                    message,
                    Texts.fmt(
                            texts.t("named.followup_header", "name", name),
                            Texts.SEP,
                            texts.t("named.followup_body", "id", jobId)));
        }
    }

    /**
     * Hands the run over; the message is marked handled once the run is on record (a crash before leaves a
     * message the broker redelivers, one after a recorded run that a redelivery finds), and a failed
     * hand-over forgets the mark again.
     */
    private void hand(InboundMessage message, NamedSession session, String prompt, String kind, String jobId) {
        String key = key(message);
        try {
            runs.start(
                    session,
                    message.chat(),
                    prompt,
                    message.transportMessageId(),
                    kind,
                    jobId,
                    () -> journal.markSeen(key));
        } catch (RuntimeException e) {
            journal.forget(key, NamedRuns.runId(session.name(), jobId));
            if (session.messageCount() == 0 && session.sessionId().isBlank()) {
                sessions.end(session.chatId(), session.name());
            }
            throw e;
        }
    }

    private boolean alreadyStarted(InboundMessage message, String jobId) {
        // the same message again (redelivered after a crash): its run was handed over already
        return runs.all().stream()
                .anyMatch(r -> r.jobId().equals(jobId)
                        && r.chat().chatId() == message.chat().chatId());
    }

    /** ductor's 8-hex job id, here derived from the message so its redelivery maps onto the same run. */
    static String jobId(InboundMessage message) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key(message).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(InboundMessage message) {
        return message.chat().transport() + ":" + message.chat().chatId() + ":" + message.transportMessageId();
    }

    private void reply(InboundMessage message, String text) {
        replies.text(message.chat(), text, message.transportMessageId());
    }

    /** The help hub (behaviour §2.13): usage lines for the providers logged in on the runners. */
    String help() {
        List<String> logged = runners.alive().stream()
                .flatMap(r -> r.providers().stream())
                .filter(RunnerStatus.ProviderStatus::authenticated)
                .map(RunnerStatus.ProviderStatus::provider)
                .distinct()
                .sorted()
                .collect(Collectors.toList());
        List<String> usage = new ArrayList<>();
        usage.add(texts.t("session_help.usage_header"));
        if (logged.size() == 1) {
            String only = logged.getFirst();
            usage.add(texts.t("session_help." + only + "_single"));
            if (!only.equals("codex")) {
                usage.add(texts.t("session_help." + only + "_model"));
            }
        } else {
            usage.add(texts.t("session_help.default_provider"));
            for (String provider : List.of("claude", "codex", "gemini")) {
                if (logged.isEmpty() || logged.contains(provider)) {
                    usage.add(texts.t("session_help." + provider + "_multi"));
                }
            }
            usage.add(texts.t("session_help.explicit"));
        }
        return Texts.fmt(
                texts.t("session_help.header"),
                Texts.SEP,
                texts.t("session_help.telegram_explanation"),
                String.join("\n", usage),
                texts.t("session_help.followup_header") + "\n" + texts.t("session_help.followup_line"),
                texts.t("session_help.commands_header") + "\n" + texts.t("session_help.telegram_sessions_cmd") + "\n"
                        + texts.t("session_help.telegram_stop_cmd"));
    }

    private static String label(String provider) {
        return provider.isEmpty() ? provider : Character.toUpperCase(provider.charAt(0)) + provider.substring(1);
    }

    private static String defaultModel(String provider) {
        return switch (provider) {
            case "gemini" -> "auto";
            case "codex" -> "gpt-5-codex";
            default -> "opus";
        };
    }
}
