package dev.ductor.scheduler.leader;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership as an exclusive queue on the broker: the instance whose connection declared
 * {@code <namespace>.scheduler.leader} (exclusive, auto-delete) leads; the broker refuses the same
 * declaration from every other connection (RESOURCE_LOCKED) and deletes the queue when the holder's
 * connection ends, crash included, so another instance takes over at its next attempt. The lease has a
 * connection of its own, without automatic recovery (a recovered connection must not re-declare the
 * queue behind the lease's back): a leader that loses it stops leading at once. In the short window of a
 * network partition two instances may both believe they lead; every trigger carries a deterministic
 * message id, so the orchestrator runs it once anyway.
 */
public final class ExclusiveQueueLease implements Leadership, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveQueueLease.class);

    private final ConnectionFactory connections;
    private final String queue;
    private final Duration retryEvery;
    private final Clock clock;
    private @Nullable Connection connection;
    private @Nullable Channel channel;
    private Instant nextAttempt = Instant.MIN;
    private boolean reportedStandby;

    /** {@code connections} is copied and its automatic recovery switched off. */
    public ExclusiveQueueLease(ConnectionFactory connections, String queue, Duration retryEvery, Clock clock) {
        this.connections = connections.clone();
        this.connections.setAutomaticRecoveryEnabled(false);
        this.connections.setTopologyRecoveryEnabled(false);
        this.queue = queue;
        this.retryEvery = retryEvery;
        this.clock = clock;
    }

    @Override
    public synchronized boolean leading() {
        if (channel != null && channel.isOpen()) {
            return true;
        }
        if (channel != null) {
            log.warn("Lost the scheduler lease {}; trying to take it again", queue);
            channel = null;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return false;
        }
        nextAttempt = now.plus(retryEvery);
        try {
            if (connection == null || !connection.isOpen()) {
                connection = connections.newConnection("ductor-scheduler-lease");
            }
            Channel candidate = connection.createChannel();
            candidate.queueDeclare(queue, false, true, true, null);
            channel = candidate;
            reportedStandby = false;
            log.info("This scheduler holds the lease {}: it fires cron jobs, heartbeats and the cleanup", queue);
            return true;
        } catch (Exception e) {
            // RESOURCE_LOCKED (another instance leads) closes only the channel; a broker outage lands here too
            if (!reportedStandby) {
                reportedStandby = true;
                log.info(
                        "Scheduler lease {} is held elsewhere or unreachable ({}); standing by", queue, e.getMessage());
            }
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close();
            }
        } catch (Exception e) {
            log.debug("Closing the scheduler lease: {}", e.toString());
        }
        channel = null;
        connection = null;
    }
}
