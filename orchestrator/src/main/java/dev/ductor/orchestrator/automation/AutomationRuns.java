package dev.ductor.orchestrator.automation;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automation runs handed to the runners and not finished yet, in
 * {@code state/orchestrator/automation-runs.json}, so a run's result is still delivered when the
 * orchestrator restarted while it ran.
 */
@Component
class AutomationRuns {

    private static final Logger log = LoggerFactory.getLogger(AutomationRuns.class);

    private final JsonStateFile<Map<String, AutomationRun>> file;
    private final Map<String, AutomationRun> runs;

    AutomationRuns(DuctorHome home) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                home.stateDir("orchestrator").resolve("automation-runs.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, AutomationRun.class),
                LinkedHashMap::new);
        this.runs = new LinkedHashMap<>(file.load());
    }

    /**
     * Records a run before it is handed over; throws {@link StateNotWritten} with nothing recorded when that
     * cannot be written, so the fire goes back to the broker instead of running untracked.
     */
    synchronized void add(AutomationRun run) {
        AutomationRun earlier = runs.put(run.runId(), run);
        try {
            file.save(runs);
        } catch (StateNotWritten e) {
            if (earlier == null) {
                runs.remove(run.runId());
            } else {
                runs.put(run.runId(), earlier);
            }
            throw e;
        }
    }

    synchronized java.util.List<AutomationRun> all() {
        return java.util.List.copyOf(runs.values());
    }

    synchronized boolean owns(String runId) {
        return runs.containsKey(runId);
    }

    synchronized Optional<AutomationRun> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    synchronized Optional<AutomationRun> remove(String runId) {
        AutomationRun removed = runs.remove(runId);
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

    /** A heartbeat (or other automation run) that resumes this chat's session is running. */
    synchronized boolean runningIn(ChatRef chat) {
        return runs.values().stream()
                .anyMatch(r -> r.kind().equals("heartbeat") && r.targets().contains(chat));
    }
}
