package dev.ductor.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Holds a sub-agent's context at start, before any consumer or poller of it starts, until the queues named
 * after its agent exist, when this service does not declare them (compose's gateways: the orchestrator's
 * context of that agent does, docs/design.md "Sub-agents"). Without it a message the agent's gateway
 * publishes before then would be unroutable and dropped. Looks with {@link ExistingQueues}; gives up after {@code timeout} with an exception, so the context fails to
 * start and is tried again with backoff. Waits for nothing where the list is empty (every other context).
 * It waits on its agent's starter thread ({@code SubAgentContexts}), not the watcher's, and gives up at once when
 * a later change for the agent interrupts it.
 */
final class AgentQueuesPresent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentQueuesPresent.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ObjectProvider<AmqpAdmin> admin;
    private final List<String> queues;
    private final Duration timeout;
    private volatile boolean running;

    AgentQueuesPresent(ObjectProvider<AmqpAdmin> admin, List<String> queues, Duration timeout) {
        this.admin = admin;
        this.queues = List.copyOf(queues);
        this.timeout = timeout;
    }

    @Override
    public void start() {
        AmqpAdmin amqp = admin.getIfAvailable();
        if (amqp != null && !queues.isEmpty()) {
            await(amqp);
        }
        running = true;
    }

    private void await(AmqpAdmin amqp) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> missing = missing(amqp);
        if (!missing.isEmpty()) {
            log.info("Waiting for the queues {} (declared by the orchestrator's context of this agent)", missing);
        }
        while (!missing.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The queues " + missing + " do not exist after " + timeout
                        + ": is the orchestrator running with ductor.bus.declare-agent-queues?");
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Interrupted while waiting for the queues " + missing);
            }
            missing = missing(amqp);
        }
    }

    private List<String> missing(AmqpAdmin amqp) {
        return ExistingQueues.missing(amqp, queues);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before every consumer and poller of the context. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
