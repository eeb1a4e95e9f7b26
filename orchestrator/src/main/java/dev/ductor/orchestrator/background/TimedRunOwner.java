package dev.ductor.orchestrator.background;

import dev.ductor.model.RunFinished;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunOwner} whose runs are recorded in {@link TimedRuns}: it owns what is on record, ends a run at its
 * {@code RunFinished}, and ends as lost (finished {@code null}: reported as cut off, never re-run) a run whose
 * runner went silent past its deadline. The owner says only how a run ends and how it is named in the log.
 */
public abstract class TimedRunOwner<T extends TimedRun> implements RunOwner {

    private static final Logger log = LoggerFactory.getLogger(TimedRunOwner.class);

    protected final TimedRuns<T> runs;

    protected TimedRunOwner(TimedRuns<T> runs) {
        this.runs = runs;
    }

    @Override
    public boolean owns(String runId) {
        return runs.owns(runId);
    }

    @Override
    public boolean finished(RunFinished finished) {
        return runs.finished(finished, this::end);
    }

    @Override
    public void expire(Instant now) {
        runs.expire(now, run -> {
            log.warn("{} never finished; reported as cut off, not re-run", describe(run));
            end(run, null);
        });
    }

    /** Ends {@code run}: at its {@code finished}, or as lost when that is null. */
    protected abstract void end(T run, @Nullable RunFinished finished);

    /** The run as the log names it ({@code Task t1 run r1}). */
    protected abstract String describe(T run);
}
