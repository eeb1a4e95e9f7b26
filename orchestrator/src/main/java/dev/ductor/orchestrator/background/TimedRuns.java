package dev.ductor.orchestrator.background;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelRun;
import dev.ductor.model.RunFinished;
import dev.ductor.state.StateNotWritten;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link RecordedRuns} of an owner whose runs have deadlines, and the bookkeeping of their end: a
 * {@code RunFinished} ends the run it reports on, a run whose runner went silent past its deadline is ended as
 * lost. One at a time, so a run that finishes while it expires is ended once.
 */
public final class TimedRuns<T extends TimedRun> {

    private final RecordedRuns<T> runs;

    public TimedRuns(Path path, Class<T> type) {
        this.runs = new RecordedRuns<>(path, type, TimedRun::runId);
    }

    /** Records a run before it is handed over; throws {@link StateNotWritten} with nothing recorded. */
    public void add(T run) {
        runs.add(run);
    }

    public List<T> all() {
        return runs.all();
    }

    public boolean owns(String runId) {
        return runs.owns(runId);
    }

    public Optional<T> get(String runId) {
        return runs.get(runId);
    }

    public Optional<T> remove(String runId) {
        return runs.remove(runId);
    }

    /** Asks the runners to stop the runs {@code which} selects (each ends at its {@code RunFinished}); those runs. */
    public List<T> stop(Predicate<? super T> which, Bus bus) {
        List<T> going = runs.all().stream().filter(which).toList();
        for (T run : going) {
            bus.control(new CancelRun(run.runId(), CancelRun.Mode.STOP), run.runId());
        }
        return going;
    }

    /** Ends the recorded run {@code finished} reports on with {@code end}; false when it is none of these. */
    public synchronized boolean finished(RunFinished finished, BiConsumer<T, RunFinished> end) {
        Optional<T> run = runs.get(finished.runId());
        run.ifPresent(r -> end.accept(r, finished));
        return run.isPresent();
    }

    /** Ends each run lost by {@code now} ({@link TimedRun#lostBy}) with {@code lost}. */
    public synchronized void expire(Instant now, Consumer<T> lost) {
        for (T run : runs.all()) {
            if (run.lostBy(now) && runs.owns(run.runId())) {
                lost.accept(run);
            }
        }
    }
}
