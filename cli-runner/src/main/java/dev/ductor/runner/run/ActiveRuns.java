package dev.ductor.runner.run;

import dev.ductor.model.CancelRun;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The runs this runner is executing right now, by run id; the target of cancel requests. */
@Component
public final class ActiveRuns {

    private final Map<String, RunningCli> runs = new ConcurrentHashMap<>();
    private final @Nullable OrphanedRuns orphans;

    /** Without a record on disk (tests, benchmarks). */
    public ActiveRuns() {
        this.orphans = null;
    }

    @Autowired
    ActiveRuns(OrphanedRuns orphans) {
        this.orphans = orphans;
    }

    void add(String runId, RunningCli cli) {
        runs.put(runId, cli);
        if (orphans != null) {
            orphans.started(runId, cli.process());
        }
    }

    void remove(String runId) {
        runs.remove(runId);
        if (orphans != null) {
            orphans.ended(runId);
        }
    }

    public boolean contains(String runId) {
        return runs.containsKey(runId);
    }

    /** The ids of the runs in progress, sorted. */
    public java.util.List<String> ids() {
        return runs.keySet().stream().sorted().toList();
    }

    public int count() {
        return runs.size();
    }

    /** Returns false when this runner does not own the run (another runner does, or it already ended). */
    public boolean cancel(String runId, CancelRun.Mode mode) {
        RunningCli cli = runs.get(runId);
        if (cli == null) {
            return false;
        }
        cli.end(mode == CancelRun.Mode.INTERRUPT ? StopReason.INTERRUPT : StopReason.STOP);
        return true;
    }

    /** {@code CancelAll}: the user stops every run. */
    public int stopAll() {
        return endAll(StopReason.STOP);
    }

    /** The runner shuts down: every run ends {@code SHUTDOWN}, not as a stop someone asked for. */
    int shutDownAll() {
        return endAll(StopReason.SHUTDOWN);
    }

    private int endAll(StopReason why) {
        runs.values().forEach(cli -> cli.end(why));
        return runs.size();
    }
}
