package dev.ductor.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One starter thread per sub-agent, so that a context slow to start (a gateway's waiting for the queues the
 * orchestrator declares, docs/design.md "Sub-agents") holds neither the watcher of {@code agents.json} nor
 * another agent's start. An agent's starts run one after another: a start that supersedes a cancelled one
 * begins only when that one has ended, so two contexts of one agent never start at once. A starter's thread
 * ends when idle.
 */
final class AgentStarters {

    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Map<String, ThreadPoolExecutor> starters = new ConcurrentHashMap<>();

    /** Runs {@code start} on {@code agent}'s starter, after whatever it runs already. */
    Future<?> submit(String agent, Runnable start) {
        return starters.computeIfAbsent(agent, AgentStarters::starter).submit(start);
    }

    private static ThreadPoolExecutor starter(String agent) {
        ThreadPoolExecutor starter = new ThreadPoolExecutor(
                1,
                1,
                IDLE.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("sub-agent-start-" + agent).daemon().factory());
        starter.allowCoreThreadTimeOut(true);
        return starter;
    }

    /** Interrupts every start under way, drops those not begun, and waits up to {@code timeout} for them. */
    void shutdown(Duration timeout) {
        starters.values().forEach(ThreadPoolExecutor::shutdownNow);
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (ThreadPoolExecutor starter : starters.values()) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                starter.awaitTermination(Math.max(0, left), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
