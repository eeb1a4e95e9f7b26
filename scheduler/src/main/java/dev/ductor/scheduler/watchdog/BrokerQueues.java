package dev.ductor.scheduler.watchdog;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The bus as the broker sees it, by passive declares (nothing is created, no message is touched): a queue
 * whose service must be consuming has no consumer, or a queue's ready messages have not gone down for
 * {@code stalledAfter} (nobody takes them: the runners take run requests with {@code basic.get}, so for
 * {@code runner.requests} this is the only sign that no runner is there, or that all are busy that long).
 * The probe has a connection of its own without automatic recovery; a broker that does not answer is a
 * problem too (every message stops there).
 */
final class BrokerQueues implements Probe, AutoCloseable {

    /**
     * A queue to look at: {@code whenNoConsumer} is the problem when it has no consumer (null: none required),
     * {@code whenStalled} the problem when its ready messages stall.
     */
    record Watched(String queue, @Nullable String whenNoConsumer, String whenStalled) {}

    private record Backlog(long ready, Instant since) {}

    private final ConnectionFactory connections;
    private final List<Watched> watched;
    private final Clock clock;
    private final Duration stalledAfter;
    private final Map<String, Backlog> backlogs = new HashMap<>();
    private @Nullable Connection connection;

    /** {@code connections} is copied and its automatic recovery switched off. */
    BrokerQueues(ConnectionFactory connections, List<Watched> watched, Clock clock, Duration stalledAfter) {
        this.connections = connections.clone();
        this.connections.setAutomaticRecoveryEnabled(false);
        this.connections.setTopologyRecoveryEnabled(false);
        this.watched = List.copyOf(watched);
        this.clock = clock;
        this.stalledAfter = stalledAfter;
    }

    @Override
    public synchronized List<String> problems() {
        Connection open;
        try {
            if (connection == null || !connection.isOpen()) {
                connection = connections.newConnection("ductor-watchdog");
            }
            open = connection;
        } catch (IOException | TimeoutException e) {
            backlogs.clear();
            return List.of("the message broker does not answer (" + reason(e) + "): no message moves");
        }
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        for (Watched queue : watched) {
            AMQP.Queue.@Nullable DeclareOk ok = declarePassively(open, queue.queue());
            if (ok == null) {
                backlogs.remove(queue.queue());
                if (queue.whenNoConsumer() != null) {
                    problems.add(queue.whenNoConsumer() + " (queue " + queue.queue() + " does not exist)");
                }
                continue;
            }
            if (queue.whenNoConsumer() != null && ok.getConsumerCount() == 0) {
                problems.add(queue.whenNoConsumer() + " (no consumer on " + queue.queue() + ")");
            }
            String stalled = stalled(queue, ok.getMessageCount(), now);
            if (stalled != null) {
                problems.add(stalled);
            }
        }
        return problems;
    }

    /** Ready messages that have not gone down since they were first seen (a decrease starts the clock again). */
    private @Nullable String stalled(Watched queue, long ready, Instant now) {
        Backlog before = backlogs.get(queue.queue());
        if (ready == 0) {
            backlogs.remove(queue.queue());
            return null;
        }
        Backlog backlog =
                before == null || ready < before.ready() ? new Backlog(ready, now) : new Backlog(ready, before.since());
        backlogs.put(queue.queue(), backlog);
        Duration waited = Duration.between(backlog.since(), now);
        if (waited.compareTo(stalledAfter) < 0) {
            return null;
        }
        return queue.whenStalled() + " (" + ready + " waiting in " + queue.queue() + ", none taken for "
                + AlertTexts.minutes(waited) + ")";
    }

    private static AMQP.Queue.@Nullable DeclareOk declarePassively(Connection connection, String queue) {
        // a passive declare of a missing queue closes its channel: one channel per queue
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue);
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            return null;
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            // closing on shutdown: nothing left to do
        }
        connection = null;
    }
}
