package dev.ductor.orchestrator.automation;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.background.TimedRuns;
import dev.ductor.state.StateNotWritten;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The automation runs handed to the runners and not finished yet, in
 * {@code state/orchestrator/automation-runs.json}, so a run's result is still delivered when the
 * orchestrator restarted while it ran.
 */
@Component
class AutomationRuns {

    private final TimedRuns<AutomationRun> runs;

    AutomationRuns(DuctorHome home) {
        this.runs = new TimedRuns<>(home.stateDir("orchestrator").resolve("automation-runs.json"), AutomationRun.class);
    }

    /**
     * Records a run before it is handed over; throws {@link StateNotWritten} with nothing recorded when that
     * cannot be written, so the fire goes back to the broker instead of running untracked.
     */
    void add(AutomationRun run) {
        runs.add(run);
    }

    List<AutomationRun> all() {
        return runs.all();
    }

    boolean owns(String runId) {
        return runs.owns(runId);
    }

    Optional<AutomationRun> get(String runId) {
        return runs.get(runId);
    }

    Optional<AutomationRun> remove(String runId) {
        return runs.remove(runId);
    }

    /** Ends the run {@code finished} reports on with {@code end}; false when it is not automation's. */
    boolean finished(RunFinished finished, BiConsumer<AutomationRun, RunFinished> end) {
        return runs.finished(finished, end);
    }

    /** Ends each run whose runner went silent past its deadline with {@code lost}. */
    void expire(Instant now, Consumer<AutomationRun> lost) {
        runs.expire(now, lost);
    }

    /** A heartbeat (or other automation run) that resumes this chat's session is running. */
    boolean runningIn(ChatRef chat) {
        return runs.all().stream()
                .anyMatch(r -> r.kind().equals("heartbeat") && r.targets().contains(chat));
    }
}
