package dev.ductor.orchestrator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.state.JsonStateFile;
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
        this.state = RepairingJournal.repaired(file.load(), clock.instant(), repairs);
        repairs.settle(file, state);
    }

    public synchronized boolean seen(String messageKey) {
        return state.seen().containsKey(messageKey);
    }

    /** Records the message as handled without a turn (dropped, discarded by /stop, answered by a command). */
    public synchronized void markSeen(String messageKey) {
        remember(messageKey);
        file.save(state);
    }

    /** Records the message as handled and its turn as in flight, in one write. */
    public synchronized void accept(String messageKey, InflightTurn turn) {
        remember(messageKey);
        state.inflight().put(turn.runId(), turn);
        file.save(state);
    }

    /** Undoes {@link #accept} when the turn could not be handed to the runners. */
    public synchronized void forget(String messageKey, String runId) {
        state.seen().remove(messageKey);
        state.inflight().remove(runId);
        file.save(state);
    }

    public synchronized void advance(String runId, InflightTurn.Phase phase) {
        InflightTurn turn = state.inflight().get(runId);
        if (turn != null && turn.phase().ordinal() < phase.ordinal()) {
            state.inflight().put(runId, turn.withPhase(phase));
            file.save(state);
        }
    }

    public synchronized Optional<InflightTurn> get(String runId) {
        return Optional.ofNullable(state.inflight().get(runId));
    }

    public synchronized Optional<InflightTurn> finish(String runId) {
        InflightTurn removed = state.inflight().remove(runId);
        if (removed != null) {
            file.save(state);
        }
        return Optional.ofNullable(removed);
    }

    public synchronized List<InflightTurn> inflight() {
        return new ArrayList<>(state.inflight().values());
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
