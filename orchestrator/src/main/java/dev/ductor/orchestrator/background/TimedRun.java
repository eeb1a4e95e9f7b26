package dev.ductor.orchestrator.background;

import java.time.Duration;
import java.time.Instant;

/** A one-shot run handed to the runners with a deadline: its timeout from its start. */
public interface TimedRun {

    /** Beyond a run's timeout (and any deadline extension a runner grants) before it counts as lost. */
    Duration LOST_AFTER = Duration.ofMinutes(10);

    String runId();

    int timeoutSeconds();

    Instant startedAt();

    /** Whether its runner went silent past its deadline at {@code now}: its end will never come. */
    default boolean lostBy(Instant now) {
        return startedAt().plusSeconds(timeoutSeconds()).plus(LOST_AFTER).isBefore(now);
    }
}
