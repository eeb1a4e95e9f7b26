package dev.ductor.orchestrator.interagent;

import dev.ductor.bus.Bus;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.background.ChatScopedRuns;
import dev.ductor.orchestrator.background.TimedRunOwner;
import dev.ductor.orchestrator.background.TimedRuns;
import dev.ductor.orchestrator.named.NamedSessions;
import dev.ductor.orchestrator.run.RetryingFreshSession;
import dev.ductor.state.StateNotWritten;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The recipient's runs of inter-agent asks (behaviour §5.8), recorded in
 * {@code state/orchestrator/interagent-runs.json} before they are published ({@link TimedRuns}, as named
 * sessions' and tasks' runs), so the answer is still sent after an orchestrator restart. At a run's end the
 * answer is published, then the named session updated, then the record removed: a crash in between publishes
 * the same answer again under the same message id, which the asking side handles once. A run whose runner
 * went silent past its deadline is answered as cut off, never started again.
 */
@Component
class InterAgentRuns extends TimedRunOwner<InterAgentRun> implements ChatScopedRuns {

    private static final Logger log = LoggerFactory.getLogger(InterAgentRuns.class);

    private final NamedSessions sessions;
    private final Bus bus;
    private final Clock clock;

    @Autowired
    InterAgentRuns(DuctorHome home, NamedSessions sessions, Bus bus) {
        this(home, sessions, bus, Clock.systemUTC());
    }

    InterAgentRuns(DuctorHome home, NamedSessions sessions, Bus bus, Clock clock) {
        super(new TimedRuns<>(home.stateDir("orchestrator").resolve("interagent-runs.json"), InterAgentRun.class));
        this.sessions = sessions;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * Records and publishes the run; {@code recorded} runs once it is on record (the ask is marked handled
     * then). Throws with nothing left recorded when the record or the publish failed.
     */
    void start(InterAgentRun run, Runnable recorded) {
        runs.add(run);
        try {
            recorded.run();
            bus.toRunners(run.request(), run.runId());
        } catch (RuntimeException e) {
            runs.remove(run.runId());
            throw e;
        }
        log.info(
                "Inter-agent ask {} from {} runs in session {} ({})",
                run.ask().taskId(),
                run.ask().from(),
                run.session(),
                run.runId());
    }

    boolean going(String runId) {
        return runs.owns(runId);
    }

    /**
     * {@code /stop} in the chat the asks run in (behaviour §2.7): its going runs are stopped; each is answered
     * at its end as {@code Cancelled}, so the asking agent is told.
     */
    @Override
    public boolean stopAll(ChatRef chat) {
        return !runs.stop(r -> ChatScopedRuns.sameChat(r.chat(), chat), bus).isEmpty();
    }

    @Override
    protected String describe(InterAgentRun run) {
        return "Inter-agent run " + run.runId();
    }

    @Override
    protected void end(InterAgentRun run, @Nullable RunFinished finished) {
        if (finished != null
                && RetryingFreshSession.staleSession(finished)
                && run.request().resumeSessionId() != null
                && !run.runId().endsWith(InterAgentRun.FRESH)) {
            retryFresh(run);
            return;
        }
        boolean success = finished != null && finished.outcome() == RunFinished.Outcome.SUCCESS;
        InterAgentAsk ask = run.ask();
        var answer = answerOf(
                ask,
                run.session(),
                success ? finished.resultText().strip() : "",
                success ? null : error(run, finished),
                run.providerSwitchNotice(),
                run.recoveryNotice());
        answer(ask, answer);
        try {
            sessions.answered(
                    run.chat().chatId(), run.session(), finished == null ? null : finished.sessionId(), success);
        } catch (StateNotWritten e) {
            log.warn("Inter-agent session {}: named_sessions.json not written after its run", run.session());
        }
        runs.remove(run.runId());
        log.info(
                "Inter-agent ask {} answered to {} ({})",
                ask.taskId(),
                answer.to(),
                success ? "success" : answer.error());
    }

    /**
     * The run resumed a CLI session that is gone: the named session is started anew and the message run once
     * more in it ({@code <runId>-fresh}), its answer telling the sender so (ductor's #81). The retry is
     * recorded and handed over before the failed run is forgotten; a redelivered end of the failed run finds
     * the retry on record and hands nothing over again.
     */
    private void retryFresh(InterAgentRun run) {
        RunRequest failed = run.request();
        String retryRun = run.runId() + InterAgentRun.FRESH;
        if (!runs.owns(retryRun)) {
            var session = sessions.interAgent(
                    run.chat(),
                    run.session(),
                    failed.provider(),
                    failed.model(),
                    failed.reasoningEffort(),
                    run.ask().message(),
                    true);
            var request = failed.fresh(retryRun);
            var retry = new InterAgentRun(
                    retryRun,
                    run.ask(),
                    run.session(),
                    run.chat(),
                    run.providerSwitchNotice(),
                    run.timeoutSeconds(),
                    clock.instant(),
                    request,
                    InterAgentTexts.recovered(run.ask().to(), session.session().name()));
            start(retry, () -> {});
            log.warn("Inter-agent run {}: its session was gone; run once more in a fresh session", run.runId());
        }
        runs.remove(run.runId());
    }

    /** The answer to {@code ask}: a success with {@code text} when {@code error} is null. */
    InterAgentAnswer answerOf(
            InterAgentAsk ask,
            String session,
            String text,
            @Nullable String error,
            @Nullable String providerSwitchNotice,
            @Nullable String recoveryNotice) {
        return new InterAgentAnswer(
                ask.taskId(),
                ask.to(),
                ask.async() ? ask.answeredTo() : ask.from(),
                ask.from(),
                ask.message(),
                ask.source(),
                ask.async(),
                error == null,
                text,
                error,
                session,
                providerSwitchNotice,
                recoveryNotice,
                clock.instant());
    }

    /**
     * Publishes the answer: an asynchronous ask's to the inbound queue of the agent it goes to, under the
     * transport code of the chat that asked when it goes back to the asker and that code is one of ours (the
     * code is a label: every {@code <transport>.<agent>} reaches that agent's orchestrator, any other key none,
     * and the broker would confirm and drop it), else {@code tg}; a synchronous one's to the reply queue of the
     * scheduler waiting for it (nobody waits past its deadline: dropped).
     */
    void answer(InterAgentAsk ask, InterAgentAnswer answer) {
        String id = answer.messageId();
        if (ask.async()) {
            ChatRef asked = ask.source();
            String transport = asked != null
                            && answer.to().equals(ask.from())
                            && Transport.of(asked.transport()) != Transport.UNKNOWN
                    ? asked.transport()
                    : Transport.TELEGRAM.code();
            bus.toOrchestrator(transport, answer.to(), answer, id, id);
        } else if (ask.replyQueue() != null && clock.instant().isBefore(ask.deadline())) {
            bus.publish(bus.topology().repliesExchange(), ask.replyQueue(), answer, id, id);
        } else {
            log.info(
                    "Inter-agent ask {}: its sender stopped waiting at {}; the answer is dropped",
                    ask.taskId(),
                    ask.deadline());
        }
    }

    /** ductor's error of an answer that is none: the timeout, the cut-off run, the CLI's error. */
    private static String error(InterAgentRun run, @Nullable RunFinished finished) {
        if (finished == null || finished.outcome() == RunFinished.Outcome.SHUTDOWN) {
            return "The run was cut off (a restart, or its runner stopped or went silent) and was not run again";
        }
        if (finished.outcome() == RunFinished.Outcome.TIMEOUT) {
            return "Timeout after " + run.timeoutSeconds() + "s";
        }
        if (finished.outcome() == RunFinished.Outcome.STOPPED
                || finished.outcome() == RunFinished.Outcome.INTERRUPTED) {
            return "Cancelled";
        }
        if (finished.error() != null && !finished.error().isBlank()) {
            return finished.error().strip();
        }
        String result = finished.resultText().strip();
        return result.isEmpty() ? finished.outcome().name().toLowerCase(Locale.ROOT) : result;
    }
}
