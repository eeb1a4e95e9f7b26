package dev.ductor.runner.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A runner that shuts down stops its CLI turns (tree kill, so nothing is orphaned) before its listeners
 * stop, and gives them a few seconds to report {@code SHUTDOWN} (the orchestrator tells the user the turn was
 * interrupted; a {@code STOPPED} would be taken for the user's own {@code /stop} and stay silent).
 */
@Component
final class StoppingRunsOnShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoppingRunsOnShutdown.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ActiveRuns active;
    private volatile boolean running;

    StoppingRunsOnShutdown(ActiveRuns active) {
        this.active = active;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int stopped = active.shutDownAll();
        if (stopped > 0) {
            log.info("Shutting down: stopping {} run(s)", stopped);
        }
        Instant deadline = Instant.now().plus(GRACE);
        while (active.count() > 0 && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the request takers (which stop first, at the highest phase), before the rest. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
