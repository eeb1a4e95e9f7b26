package dev.ductor.orchestrator.automation;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every half minute: automation runs whose runner went silent are ended as lost. */
@Component
class ExpiringAutomationRuns {

    private final FinishingAutomationRun finishing;

    ExpiringAutomationRuns(FinishingAutomationRun finishing) {
        this.finishing = finishing;
    }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void expire() {
        finishing.expire(Instant.now());
    }
}
