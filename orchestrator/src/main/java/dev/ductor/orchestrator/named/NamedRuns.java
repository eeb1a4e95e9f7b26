package dev.ductor.orchestrator.named;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.background.ChatScopedRuns;
import dev.ductor.orchestrator.background.TimedRunOwner;
import dev.ductor.orchestrator.background.TimedRuns;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.state.StateNotWritten;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The runs of named sessions (behaviour §5.6): handed to the runners like any turn but outside the chat's
 * queue (timeout {@code timeouts.background}, the workspace as working directory, {@code --resume} of the
 * session's CLI session, no MAINMEMORY), at most {@link #MAX_JOBS_PER_CHAT} at once per chat. Each run is
 * recorded in {@code state/orchestrator/named-runs.json} before it is published, so its end is handled
 * after an orchestrator restart: the result delivered as a reply to the message that asked, the
 * registry updated. A run whose runner went silent past its deadline is reported, never started again.
 */
@Component
public class NamedRuns extends TimedRunOwner<NamedRun> implements ChatScopedRuns {

    private static final Logger log = LoggerFactory.getLogger(NamedRuns.class);

    /** ductor's cap on background jobs running at once in a chat. */
    public static final int MAX_JOBS_PER_CHAT = 5;

    private final NamedSessions sessions;
    private final ConfigStore config;
    private final Bus bus;
    private final Replies replies;
    private final Texts texts;
    private final Clock clock;

    @Autowired
    NamedRuns(DuctorHome home, NamedSessions sessions, ConfigStore config, Bus bus, Replies replies, Texts texts) {
        this(home, sessions, config, bus, replies, texts, Clock.systemUTC());
    }

    NamedRuns(
            DuctorHome home,
            NamedSessions sessions,
            ConfigStore config,
            Bus bus,
            Replies replies,
            Texts texts,
            Clock clock) {
        super(new TimedRuns<>(home.stateDir("orchestrator").resolve("named-runs.json"), NamedRun.class));
        this.sessions = sessions;
        this.config = config;
        this.bus = bus;
        this.replies = replies;
        this.texts = texts;
        this.clock = clock;
    }

    /** How many runs of the chat's named sessions are going. */
    public int running(long chatId) {
        return (int)
                runs.all().stream().filter(r -> r.chat().chatId() == chatId).count();
    }

    /**
     * Records and publishes a run of {@code session} with {@code prompt}; the session is {@code running}
     * until its end. Throws when the state cannot be written or the broker did not take the run, with
     * nothing left recorded.
     */
    void start(
            NamedSession session,
            ChatRef chat,
            String prompt,
            @Nullable String replyTo,
            String kind,
            String jobId,
            Runnable recorded) {
        DuctorConfig current = config.current();
        String runId = runId(session.name(), jobId);
        int timeout = Math.max(1, current.timeouts().background());
        var request = new RunRequest(
                runId,
                chat,
                session.provider(),
                session.model(),
                session.reasoningEffort().isBlank() ? current.reasoningEffort() : session.reasoningEffort(),
                current.permissionMode(),
                prompt,
                null,
                session.sessionId().isBlank() ? null : session.sessionId(),
                timeout,
                List.copyOf(current.cliParameters().forProvider(session.provider())),
                current.maxTurns(),
                current.maxBudgetUsd());
        runs.add(new NamedRun(
                runId,
                jobId,
                session.name(),
                chat,
                replyTo,
                session.provider(),
                kind,
                session.promptPreview(),
                timeout,
                clock.instant()));
        try {
            recorded.run(); // the message counts as handled only once its run is on record
            sessions.markRunning(session.chatId(), session.name(), prompt);
            bus.toRunners(request, runId);
        } catch (RuntimeException e) {
            runs.remove(runId);
            settle(session.chatId(), session.name(), null, false);
            throw e;
        }
        log.info(
                "Named session {} run {} handed to the runners ({} {}, {})",
                session.name(),
                runId,
                session.provider(),
                session.model(),
                kind);
    }

    static String runId(String name, String jobId) {
        return "ns-" + name + "-" + jobId;
    }

    /** Stops the session's runs (their end reports them cancelled); true when one was going. */
    boolean cancel(long chatId, String name) {
        return !runs.stop(r -> r.chat().chatId() == chatId && r.name().equals(name), bus)
                .isEmpty();
    }

    /** The runs recorded before the last stop, for the sessions they keep {@code running}. */
    List<NamedRun> all() {
        return runs.all();
    }

    @Override
    protected String describe(NamedRun run) {
        return "Named session " + run.name() + " run " + run.runId();
    }

    @Override
    protected void end(NamedRun run, @Nullable RunFinished finished) {
        String outcome = finished == null ? "LOST" : finished.outcome().name();
        log.info("Named session {} run {} finished: {}", run.name(), run.runId(), outcome);
        try {
            replies.runText(run.runId(), "result", run.chat(), text(run, finished), run.replyTo());
        } catch (RuntimeException e) {
            log.error("Named session {} run {}: its result could not be delivered", run.name(), run.runId(), e);
        } finally {
            try {
                settle(
                        run.chat().chatId(),
                        run.name(),
                        finished == null ? null : finished.sessionId(),
                        finished != null && finished.outcome() == RunFinished.Outcome.SUCCESS);
            } finally {
                runs.remove(run.runId());
            }
        }
    }

    /** The registry after a run: a write that fails is logged, the session is right in memory at the next one. */
    private void settle(long chatId, String name, @Nullable String sessionId, boolean counted) {
        try {
            sessions.answered(chatId, name, sessionId, counted);
        } catch (StateNotWritten e) {
            log.warn("Named session {}: named_sessions.json not written after its run ({})", name, e.getMessage());
        }
    }

    /** ductor's result texts (behaviour §5.6). */
    String text(NamedRun run, @Nullable RunFinished finished) {
        String elapsed = String.valueOf(
                Duration.between(run.startedAt(), clock.instant()).toSeconds());
        RunFinished.Outcome outcome = finished == null ? null : finished.outcome();
        if (outcome == RunFinished.Outcome.STOPPED || outcome == RunFinished.Outcome.INTERRUPTED) {
            return Texts.fmt(texts.t("named.cancelled", "name", run.name()), Texts.SEP, "_" + run.preview() + "_");
        }
        boolean success = outcome == RunFinished.Outcome.SUCCESS;
        String detail = detail(run, finished);
        if (run.kind().equals(NamedRun.DIRECT)) {
            String prefix = texts.t("named.reply_prefix", "name", run.name(), "provider", run.provider());
            String body = success
                    ? (detail.isBlank() ? texts.t("named.no_output") : detail)
                    : texts.t("named.error", "detail", cut(detail.isBlank() ? outcome(finished) : detail, 500));
            return prefix + "\n" + body;
        }
        if (success) {
            return Texts.fmt(
                    texts.t("named.complete", "name", run.name(), "elapsed", elapsed),
                    Texts.SEP,
                    detail.isBlank() ? texts.t("named.no_output") : detail);
        }
        return Texts.fmt(
                texts.t("named.failed", "name", run.name(), "elapsed", elapsed),
                Texts.SEP,
                detail.isBlank() ? texts.t("named.no_output") : cut(detail, 2000));
    }

    private String detail(NamedRun run, @Nullable RunFinished finished) {
        if (finished == null || finished.outcome() == RunFinished.Outcome.SHUTDOWN) {
            return texts.t("named.lost", "name", run.name());
        }
        if (finished.outcome() == RunFinished.Outcome.TIMEOUT) {
            return texts.t("named.timed_out", "seconds", run.timeoutSeconds());
        }
        String result = finished.resultText().strip();
        if (finished.outcome() != RunFinished.Outcome.SUCCESS && result.isEmpty() && finished.error() != null) {
            return finished.error().strip();
        }
        return result;
    }

    private String outcome(@Nullable RunFinished finished) {
        return finished == null ? "lost" : finished.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The chat's going runs, for {@code /stop}: stopped, their sessions end. */
    @Override
    public boolean stopAll(ChatRef chat) {
        return !runs.stop(r -> ChatScopedRuns.sameChat(r.chat(), chat), bus).isEmpty();
    }
}
