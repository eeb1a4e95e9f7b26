package dev.ductor.orchestrator.background;

import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-shot runs of one owner handed to the runners and not finished yet, keyed by run id, in a state
 * file under {@code state/orchestrator/}: recorded before the hand-over, forgotten at their end, so a run's
 * result is still delivered when the orchestrator restarted while it ran.
 */
public final class RecordedRuns<T> {

    private static final Logger log = LoggerFactory.getLogger(RecordedRuns.class);

    private final JsonStateFile<Map<String, T>> file;
    private final Map<String, T> runs;
    private final Function<T, String> idOf;

    public RecordedRuns(Path path, Class<T> type, Function<T, String> idOf) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                path,
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, type),
                LinkedHashMap::new);
        this.runs = new LinkedHashMap<>(file.load());
        this.idOf = idOf;
    }

    /**
     * Records a run before it is handed over; throws {@link StateNotWritten} with nothing recorded when that
     * cannot be written, so the run is not handed over untracked.
     */
    public synchronized void add(T run) {
        String runId = idOf.apply(run);
        T earlier = runs.put(runId, run);
        try {
            file.save(runs);
        } catch (StateNotWritten e) {
            if (earlier == null) {
                runs.remove(runId);
            } else {
                runs.put(runId, earlier);
            }
            throw e;
        }
    }

    public synchronized List<T> all() {
        return List.copyOf(runs.values());
    }

    public synchronized boolean owns(String runId) {
        return runs.containsKey(runId);
    }

    public synchronized Optional<T> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public synchronized Optional<T> remove(String runId) {
        T removed = runs.remove(runId);
        if (removed != null) {
            saveOrPostpone("run " + runId + " ended");
        }
        return Optional.ofNullable(removed);
    }

    /**
     * A run that ended promises nothing to anyone: if the file cannot be written now, memory is right and
     * the next write that succeeds carries the change; a restart before that at worst reports the run
     * lost once more.
     */
    private void saveOrPostpone(String change) {
        try {
            file.save(runs);
        } catch (StateNotWritten e) {
            log.warn(
                    "{} not written ({}); {} is kept in memory until the next write",
                    file.path(),
                    e.getMessage(),
                    change);
        }
    }
}
