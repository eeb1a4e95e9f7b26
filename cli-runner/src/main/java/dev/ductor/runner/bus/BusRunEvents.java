package dev.ductor.runner.bus;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.model.Contract;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunStarted;
import dev.ductor.runner.run.RunEvents;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Run events onto {@code ductor.run-events} with routing key {@code run.<runId>} ({@code run.<runId>.<agent>} for a
 * sub-agent's run, so it reaches that agent's orchestrator), broker-confirmed. A
 * publish that fails (broker restarting, connection blip) is retried with backoff — for a run's start and
 * finish up to a minute, so a turn that really ran is not reported lost (and re-sent) for want of its
 * result; the deterministic message ids make a repeat harmless.
 */
@Component
final class BusRunEvents implements RunEvents {

    private final Bus bus;
    private final String agent;

    @Autowired
    BusRunEvents(Bus bus) {
        this(bus, Topology.MAIN_AGENT);
    }

    private BusRunEvents(Bus bus, String agent) {
        this.bus = bus;
        this.agent = agent;
    }

    @Override
    public RunEvents forAgent(String agent) {
        return agent.equals(this.agent) ? this : new BusRunEvents(bus, agent);
    }

    private static final Logger log = LoggerFactory.getLogger(BusRunEvents.class);
    private static final Duration LIFECYCLE_BUDGET = Duration.ofSeconds(60);
    private static final Duration PROGRESS_BUDGET = Duration.ofSeconds(5);

    @Override
    public void publish(String runId, Contract event, String messageId) {
        Duration budget =
                event instanceof RunFinished || event instanceof RunStarted ? LIFECYCLE_BUDGET : PROGRESS_BUDGET;
        long deadline = System.nanoTime() + budget.toNanos();
        long backoffMs = 200;
        while (true) {
            try {
                bus.runEvent(agent, runId, event, messageId);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("Publishing {} failed ({}); retrying in {} ms", messageId, e.toString(), backoffMs);
                LockSupport.parkNanos(backoffMs * 1_000_000);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }
}
