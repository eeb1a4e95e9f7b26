package dev.ductor.runner.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.ductor.bus.BusHeaders;
import dev.ductor.bus.Topology;
import dev.ductor.bus.Traces;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.run.ActiveRuns;
import dev.ductor.runner.run.RunExecutor;
import dev.ductor.runner.run.RunIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread per slot takes a {@link RunRequest} from {@code runner.requests} only when it is free
 * ({@code basic.get}, not a push consumer): a busy runner never holds a turn in a local buffer while
 * another slot or runner is idle, and a runner that is shutting down takes nothing new. The request is
 * acked right before the CLI is spawned (runs are at most once); an undecodable one, or one whose run id is
 * not a valid run id ({@link RunIds}: it names a folder that is deleted later), is rejected into the DLQ.
 */
@Component
final class TakingRunRequests implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TakingRunRequests.class);

    private final ConnectionFactory connectionFactory;
    private final MessageConverter converter;
    private final RunExecutor executor;
    private final ActiveRuns active;
    private final RunnerProperties properties;
    private final String queue;
    private final Duration idlePoll;
    private final DefaultMessagePropertiesConverter headers = new DefaultMessagePropertiesConverter();
    private final List<Thread> slots = new ArrayList<>();
    private volatile boolean running;

    TakingRunRequests(
            ConnectionFactory connectionFactory,
            MessageConverter converter,
            RunExecutor executor,
            ActiveRuns active,
            RunnerProperties properties,
            Topology topology,
            @Value("${ductor.runner.idle-poll:100ms}") Duration idlePoll) {
        this.connectionFactory = connectionFactory;
        this.converter = converter;
        this.executor = executor;
        this.active = active;
        this.properties = properties;
        this.queue = topology.runnerRequestsQueue();
        this.idlePoll = idlePoll;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int slot = 1; slot <= properties.slots(); slot++) {
            Thread thread =
                    Thread.ofPlatform().name("run-slot-" + slot).daemon().start(this::takeTurns);
            slots.add(thread);
        }
    }

    /** Stops taking requests first (before the runs are stopped), so shutting down starts nothing new. */
    @Override
    public synchronized void stop() {
        running = false;
        slots.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void takeTurns() {
        @Nullable Channel channel = null;
        while (running) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = connectionFactory.createConnection().createChannel(false);
                }
                GetResponse got = channel.basicGet(queue, false);
                if (got == null) {
                    LockSupport.parkNanos(idlePoll.toNanos());
                    continue;
                }
                run(channel, got);
            } catch (RuntimeException | IOException e) {
                log.warn("Taking run requests failed ({}); retrying in 1 s", e.toString());
                close(channel);
                channel = null;
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            } finally {
                Traces.clear();
            }
        }
        close(channel);
    }

    void run(Channel channel, GetResponse got) throws IOException {
        long tag = got.getEnvelope().getDeliveryTag();
        var message = new Message(
                got.getBody(),
                headers.toMessageProperties(got.getProps(), got.getEnvelope(), StandardCharsets.UTF_8.name()));
        Object trace = message.getMessageProperties().getHeaders().get(BusHeaders.TRACEPARENT);
        Traces.enter(trace == null ? null : trace.toString());
        RunRequest request;
        try {
            if (!(converter.fromMessage(message) instanceof RunRequest decoded)) {
                throw new MessageConversionException("not a RunRequest");
            }
            request = decoded;
        } catch (MessageConversionException e) {
            log.error(
                    "Undecodable run request {} to the DLQ: {}",
                    message.getMessageProperties().getMessageId(),
                    e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        if (!RunIds.valid(request.runId())) {
            log.error(
                    "Run request {} refused to the DLQ: run id '{}' is not a valid run id",
                    message.getMessageProperties().getMessageId(),
                    request.runId().length() > 200 ? request.runId().substring(0, 200) + "…" : request.runId());
            channel.basicReject(tag, false);
            return;
        }
        if (!running) {
            channel.basicReject(tag, true);
            return;
        }
        if (active.contains(request.runId())) {
            log.warn("Run {} is already running here; dropping the duplicate request", request.runId());
            channel.basicAck(tag, false);
            return;
        }
        var acked = new AtomicBoolean();
        executor.execute(request, () -> {
            try {
                channel.basicAck(tag, false);
                acked.set(true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot ack run request " + request.runId(), e);
            }
        });
        if (!acked.get()) {
            channel.basicReject(tag, false);
        }
    }

    private static void close(@Nullable Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // already closed
            }
        }
    }
}
