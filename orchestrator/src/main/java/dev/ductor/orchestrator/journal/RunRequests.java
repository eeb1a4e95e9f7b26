package dev.ductor.orchestrator.journal;

import dev.ductor.model.RunRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The requests handed to the runners, kept in memory while their turn runs, for a fresh-session retry.
 * Lost with a restart: a failed turn whose request is gone is reported instead of retried.
 */
@Component
public class RunRequests {

    private final Map<String, RunRequest> requests = new ConcurrentHashMap<>();

    public void handedOver(RunRequest request) {
        requests.put(request.runId(), request);
    }

    public Optional<RunRequest> get(String runId) {
        return Optional.ofNullable(requests.get(runId));
    }

    public void forget(String runId) {
        requests.remove(runId);
    }
}
