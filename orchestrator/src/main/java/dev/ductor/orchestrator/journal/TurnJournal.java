package dev.ductor.orchestrator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.LoggedStateFile;
import dev.ductor.state.StateNotWritten;
import dev.ductor.state.StateRepairs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator's crash journal ({@code state/orchestrator/turns.json}): the window of inbound
 * message keys already handled and the turns in flight, saved together in one atomic write. Accepting
 * a turn records both at once, before its RunRequest is published: after a crash a redelivered message
 * is recognised (the CLI never runs twice) and the turn it started is known, so the chat is told if it
 * was lost (docs/design.md, "No message is ever lost" 1–3).
 */
@Component
public class TurnJournal {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TurnJournal.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(Map<String, Instant> seen, Map<String, InflightTurn> inflight) {}

    /**
     * One change of the journal, as its log ({@code turns.json.log}) holds it: {@code seen} (key, at),
     * {@code accept} (key, at, turn), {@code forget} (key, runId), {@code advance} (runId, phase),
     * {@code finish} (runId). Applying one again changes nothing.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(
            String op,
            @Nullable String key,
            @Nullable Instant at,
            @Nullable InflightTurn turn,
            @Nullable String runId,
            InflightTurn.@Nullable Phase phase) {}

    private final JsonStateFile<State> file;
    private final LoggedStateFile<State, Change> logged;
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
        this.logged = new LoggedStateFile<>(
                file,
                mapper,
                Change.class,
                this::apply,
                s -> s.seen().size() + s.inflight().size());
        this.properties = properties;
        this.clock = clock;
        var repairs = new StateRepairs();
        this.state = logged.replay(RepairingJournal.repaired(file.loadAsParsed(), clock.instant(), repairs));
        repairs.settle(file, state);
        logged.open(state);
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
        change(new Change("seen", messageKey, clock.instant(), null, null, null), "message " + messageKey + " seen");
    }

    /**
     * Records the message as handled and its turn as in flight, in one write. Throws {@link StateNotWritten}
     * when that write fails, with nothing recorded: the turn must not start without its journal entry
     * (docs/design.md, "No message is ever lost" 1).
     */
    public synchronized void accept(String messageKey, InflightTurn turn) {
        var change = new Change("accept", messageKey, clock.instant(), turn, null, null);
        apply(state, change);
        try {
            logged.append(change, state);
        } catch (StateNotWritten e) {
            state.seen().remove(messageKey);
            state.inflight().remove(turn.runId());
            throw e;
        }
    }

    /** Undoes {@link #accept} when the turn could not be handed to the runners. */
    public synchronized void forget(String messageKey, String runId) {
        change(new Change("forget", messageKey, null, null, runId, null), "turn " + runId + " forgotten");
    }

    public synchronized void advance(String runId, InflightTurn.Phase phase) {
        InflightTurn turn = state.inflight().get(runId);
        if (turn != null && turn.phase().ordinal() < phase.ordinal()) {
            change(new Change("advance", null, null, null, runId, phase), "turn " + runId + " " + phase);
        }
    }

    public synchronized Optional<InflightTurn> get(String runId) {
        return Optional.ofNullable(state.inflight().get(runId));
    }

    public synchronized Optional<InflightTurn> finish(String runId) {
        InflightTurn removed = state.inflight().get(runId);
        if (removed != null) {
            change(new Change("finish", null, null, null, runId, null), "turn " + runId + " finished");
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
    private void change(Change change, String what) {
        apply(state, change);
        try {
            logged.append(change, state);
        } catch (StateNotWritten e) {
            log.warn("Journal not written ({}); {} is kept in memory until the next write", e.getMessage(), what);
        }
    }

    /** Applies a change to a journal's state, the one in memory or one replayed at start. */
    private void apply(State target, Change change) {
        switch (change.op()) {
            case "seen" -> remember(target, required(change.key()), required(change.at()));
            case "accept" -> {
                InflightTurn turn = required(change.turn());
                remember(target, required(change.key()), required(change.at()));
                target.inflight().put(turn.runId(), turn);
            }
            case "forget" -> {
                target.seen().remove(required(change.key()));
                target.inflight().remove(required(change.runId()));
            }
            case "advance" -> {
                InflightTurn turn = target.inflight().get(required(change.runId()));
                InflightTurn.Phase phase = required(change.phase());
                if (turn != null && turn.phase().ordinal() < phase.ordinal()) {
                    target.inflight().put(turn.runId(), turn.withPhase(phase));
                }
            }
            case "finish" -> target.inflight().remove(required(change.runId()));
            default -> throw new IllegalArgumentException("unknown journal change " + change.op());
        }
    }

    private static <V> V required(@Nullable V value) {
        if (value == null) {
            throw new IllegalArgumentException("a journal change misses a field");
        }
        return value;
    }

    private void remember(State target, String messageKey, Instant now) {
        target.seen().put(messageKey, now);
        Instant oldest = now.minus(properties.dedupTtl());
        target.seen().values().removeIf(at -> at.isBefore(oldest));
        var keys = target.seen().keySet().iterator();
        while (target.seen().size() > properties.dedupEntries() && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
