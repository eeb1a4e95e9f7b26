package dev.ductor.orchestrator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import dev.ductor.state.StateRepairs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator's crash journal ({@code state/orchestrator/turns.json}): the window of inbound
 * message keys already handled and the turns in flight, saved together in one atomic write. Accepting
 * a turn records both at once, before its RunRequest is published: after a crash a redelivered message
 * is recognised (the CLI never runs twice) and the turn it started is known, so the chat is told if it
 * was lost (design §4.1–4.2).
 */
@Component
public class TurnJournal {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TurnJournal.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(Map<String, Instant> seen, Map<String, InflightTurn> inflight) {}

    private final JsonStateFile<State> file;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final State state;

    @Autowired
    TurnJournal(DuctorHome home, OrchestratorProperties properties) {
        this(home, properties, Clock.systemUTC());
    }

    TurnJournal(DuctorHome home, OrchestratorProperties properties, Clock clock) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                home.stateDir("orchestrator").resolve("turns.json"),
                mapper,
                mapper.constructType(State.class),
                () -> new State(new LinkedHashMap<>(), new LinkedHashMap<>()));
        this.properties = properties;
        this.clock = clock;
        var repairs = new StateRepairs();
        this.state = RepairingJournal.repaired(file.loadAsParsed(), clock.instant(), repairs);
        repairs.settle(file, state);
    }

    public synchronized boolean seen(String messageKey) {
        return state.seen().containsKey(messageKey);
    }

    /**
     * Records the message as handled without a turn (dropped, discarded by /stop, answered by a command).
     * If that cannot be written it is kept in memory and written with the next change: the message was
     * handled all the same.
     */
    public synchronized void markSeen(String messageKey) {
        remember(messageKey);
        saveOrPostpone("message " + messageKey + " seen");
    }

    /**
     * Records the message as handled and its turn as in flight, in one write. Throws {@link StateNotWritten}
     * when that write fails, with nothing recorded: the turn must not start without its journal entry
     * (design §4.1).
     */
    public synchronized void accept(String messageKey, InflightTurn turn) {
        remember(messageKey);
        state.inflight().put(turn.runId(), turn);
        try {
            file.save(state);
        } catch (StateNotWritten e) {
            state.seen().remove(messageKey);
            state.inflight().remove(turn.runId());
            throw e;
        }
    }

    /** Undoes {@link #accept} when the turn could not be handed to the runners. */
    public synchronized void forget(String messageKey, String runId) {
        state.seen().remove(messageKey);
        state.inflight().remove(runId);
        saveOrPostpone("turn " + runId + " forgotten");
    }

    public synchronized void advance(String runId, InflightTurn.Phase phase) {
        InflightTurn turn = state.inflight().get(runId);
        if (turn != null && turn.phase().ordinal() < phase.ordinal()) {
            state.inflight().put(runId, turn.withPhase(phase));
            saveOrPostpone("turn " + runId + " " + phase);
        }
    }

    public synchronized Optional<InflightTurn> get(String runId) {
        return Optional.ofNullable(state.inflight().get(runId));
    }

    public synchronized Optional<InflightTurn> finish(String runId) {
        InflightTurn removed = state.inflight().remove(runId);
        if (removed != null) {
            saveOrPostpone("turn " + runId + " finished");
        }
        return Optional.ofNullable(removed);
    }

    public synchronized List<InflightTurn> inflight() {
        return new ArrayList<>(state.inflight().values());
    }

    /**
     * A change that promises nothing to anyone (a turn ended, a message marked seen): if it cannot be
     * written now, the journal in memory is still right and the next write that succeeds carries it; a
     * crash before that at worst reports a finished turn as interrupted.
     */
    private void saveOrPostpone(String change) {
        try {
            file.save(state);
        } catch (StateNotWritten e) {
            log.warn("Journal not written ({}); {} is kept in memory until the next write", e.getMessage(), change);
        }
    }

    private void remember(String messageKey) {
        Instant now = clock.instant();
        state.seen().put(messageKey, now);
        Instant oldest = now.minus(properties.dedupTtl());
        state.seen().values().removeIf(at -> at.isBefore(oldest));
        var keys = state.seen().keySet().iterator();
        while (state.seen().size() > properties.dedupEntries() && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
