package dev.ductor.orchestrator.automation;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.JsonStateFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automation runs handed to the runners and not finished yet, in
 * {@code state/orchestrator/automation-runs.json}, so a run's result is still delivered when the
 * orchestrator restarted while it ran.
 */
@Component
class AutomationRuns {

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

    synchronized void add(AutomationRun run) {
        runs.put(run.runId(), run);
        file.save(runs);
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
            file.save(runs);
        }
        return Optional.ofNullable(removed);
    }

    /** A heartbeat (or other automation run) that resumes this chat's session is running. */
    synchronized boolean runningIn(ChatRef chat) {
        return runs.values().stream()
                .anyMatch(r -> r.kind().equals("heartbeat") && r.targets().contains(chat));
    }
}
