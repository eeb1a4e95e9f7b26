package dev.ductor.scheduler.leader;

import com.rabbitmq.client.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Leadership as an exclusive queue on the broker: the instance whose connection declared
 * {@code <namespace>.scheduler.leader} (exclusive, auto-delete) leads; the broker refuses the same
 * declaration from every other connection (RESOURCE_LOCKED) and deletes the queue when the holder's
 * connection ends, crash included, so another instance takes over at its next attempt. A leader that
 * loses its channel stops leading at once. In the short window of a network partition two instances may
 * both believe they lead; every trigger carries a deterministic message id, so the orchestrator runs it
 * once anyway.
 */
public final class ExclusiveQueueLease implements Leadership, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveQueueLease.class);

    private final ConnectionFactory connections;
    private final String queue;
    private final Duration retryEvery;
    private final Clock clock;
    private @Nullable Channel channel;
    private Instant nextAttempt = Instant.MIN;

    public ExclusiveQueueLease(ConnectionFactory connections, String queue, Duration retryEvery, Clock clock) {
        this.connections = connections;
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
            log.warn("Lost the scheduler lease {} (channel closed); trying to take it again", queue);
            channel = null;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return false;
        }
        nextAttempt = now.plus(retryEvery);
        Channel candidate = null;
        try {
            Connection connection = connections.createConnection();
            candidate = connection.createChannel(false);
            candidate.queueDeclare(queue, false, true, true, null);
            channel = candidate;
            log.info("This scheduler holds the lease {}: it fires cron jobs, heartbeats and cleanup", queue);
            return true;
        } catch (Exception e) {
            // RESOURCE_LOCKED (another instance leads) closes the channel; a broker outage lands here too.
            log.debug("Scheduler lease {} not taken: {}", queue, e.toString());
            if (candidate != null && candidate.isOpen()) {
                try {
                    candidate.close();
                } catch (Exception ignored) {
                    // closing a channel we could not use
                }
            }
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.queueDelete(queue);
                channel.close();
            } catch (Exception e) {
                log.debug("Closing the scheduler lease: {}", e.toString());
            }
        }
        channel = null;
    }
}
