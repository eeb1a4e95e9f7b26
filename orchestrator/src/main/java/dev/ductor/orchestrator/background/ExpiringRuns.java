package dev.ductor.orchestrator.background;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every half minute: each owner ends its runs whose runner went silent past their deadline. */
@Component
class ExpiringRuns {

    private final List<RunOwner> owners;

    ExpiringRuns(List<RunOwner> owners) {
        this.owners = List.copyOf(owners);
    }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void expire() {
        Instant now = Instant.now();
        owners.forEach(owner -> owner.expire(now));
    }
}
