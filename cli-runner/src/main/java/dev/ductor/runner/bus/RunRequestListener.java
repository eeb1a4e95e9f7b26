package dev.ductor.runner.bus;

import com.rabbitmq.client.Channel;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.run.ActiveRuns;
import dev.ductor.runner.run.RunExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Takes a {@link RunRequest} from {@code runner.requests} and runs it on this consumer thread (one thread
 * per slot). The request is acked right before the CLI is spawned: runs are at most once. An undecodable
 * request is rejected without requeue, into the DLQ.
 */
@Component
final class RunRequestListener {

    private static final Logger log = LoggerFactory.getLogger(RunRequestListener.class);

    private final MessageConverter converter;
    private final RunExecutor executor;
    private final ActiveRuns active;

    RunRequestListener(MessageConverter converter, RunExecutor executor, ActiveRuns active) {
        this.converter = converter;
        this.executor = executor;
        this.active = active;
    }

    @RabbitListener(
            id = "run-requests",
            queues = "#{@ductorTopology.runnerRequestsQueue()}",
            containerFactory = RunnerBusConfiguration.REQUESTS_FACTORY)
    void onRequest(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
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
}
