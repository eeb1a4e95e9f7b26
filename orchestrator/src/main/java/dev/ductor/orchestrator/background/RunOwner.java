package dev.ductor.orchestrator.background;

import dev.ductor.model.RunFinished;
import java.time.Instant;

/**
 * An owner of one-shot runs for the run-event consumer: its runs have no stream in a chat, so their start,
 * output and heartbeats are not followed as a turn's, and their end is the owner's to handle.
 */
public interface RunOwner {

    /** Whether the run (its start, output, heartbeat) is one of this owner's. */
    boolean owns(String runId);

    /** Ends the run if it is one of this owner's; false when it is not. */
    boolean finished(RunFinished finished);

    /**
     * Ends, as lost, the runs older than their timeout plus a grace beyond any deadline extension a runner
     * grants: their runner went silent, so their end will never come.
     */
    void expire(Instant now);
}
