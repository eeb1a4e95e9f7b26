package dev.ductor.orchestrator.run;

import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.TurnJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the orchestrator knows of each live run: the answer text so far (streams carry the whole text,
 * latest wins), whether text was shown yet, and when its runner last gave a sign of life.
 */
@Component
class RunProgress {

    static final class Run {
        volatile Instant lastSignal;
        volatile boolean textShown;

        Run(Instant now) {
            this.lastSignal = now;
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    RunProgress(TurnJournal journal) {
        this(journal, Clock.systemUTC());
    }

    RunProgress(TurnJournal journal, Clock clock) {
        this.clock = clock;
        // Runs in flight before a restart get a full grace period from now to show they are alive.
        journal.inflight().forEach(turn -> runs.put(turn.runId(), new Run(clock.instant())));
    }

    Run of(String runId) {
        return runs.computeIfAbsent(runId, id -> new Run(clock.instant()));
    }

    void signal(String runId) {
        of(runId).lastSignal = clock.instant();
    }

    void forget(String runId) {
        runs.remove(runId);
    }

    /** Turns that a runner took (or that were never handed over) and that went silent for too long. */
    List<InflightTurn> silent(List<InflightTurn> inflight, Duration lostAfter, Duration queuedLimit) {
        Instant now = clock.instant();
        return inflight.stream()
                .filter(turn -> {
                    Instant last = of(turn.runId()).lastSignal;
                    Duration quiet = Duration.between(last, now);
                    return switch (turn.phase()) {
                        case ACCEPTED, RUNNING -> quiet.compareTo(lostAfter) > 0;
                        case QUEUED -> quiet.compareTo(queuedLimit) > 0;
                    };
                })
                .toList();
    }
}
