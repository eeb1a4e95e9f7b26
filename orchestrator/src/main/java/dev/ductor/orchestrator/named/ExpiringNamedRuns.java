package dev.ductor.orchestrator.named;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every half minute: named session runs whose runner went silent are reported as cut off. */
@Component
class ExpiringNamedRuns {

    private final NamedRuns runs;

    ExpiringNamedRuns(NamedRuns runs) {
        this.runs = runs;
    }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void expire() {
        runs.expire(Instant.now());
    }
}
