package dev.ductor.orchestrator.runners;

import dev.ductor.model.RunnerStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The runners that reported recently, with their slots, runs and CLI logins (for {@code /status}). */
@Component
public class Runners {

    private static final Duration STALE = Duration.ofMinutes(2);

    private final Map<String, RunnerStatus> latest = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    Runners() {
        this(Clock.systemUTC());
    }

    Runners(Clock clock) {
        this.clock = clock;
    }

    public void report(RunnerStatus status) {
        latest.merge(status.runnerId(), status, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    /** The providers some live runner reports logged in, sorted. */
    public java.util.SortedSet<String> loggedIn() {
        var providers = new java.util.TreeSet<String>();
        for (RunnerStatus status : alive()) {
            status.providers().stream()
                    .filter(RunnerStatus.ProviderStatus::authenticated)
                    .map(RunnerStatus.ProviderStatus::provider)
                    .forEach(providers::add);
        }
        return providers;
    }

    /** Runners heard from within the last two minutes. */
    public List<RunnerStatus> alive() {
        var cutoff = clock.instant().minus(STALE);
        return latest.values().stream().filter(s -> s.at().isAfter(cutoff)).toList();
    }
}
