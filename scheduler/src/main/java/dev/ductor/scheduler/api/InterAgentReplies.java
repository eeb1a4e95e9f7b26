package dev.ductor.scheduler.api;

import dev.ductor.model.InterAgentAnswer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * The answers of synchronous inter-agent asks (behaviour §5.8) for the {@code ask_agent} calls this scheduler
 * is waiting on: they arrive on this instance's own exclusive, auto-delete reply queue (named in each ask),
 * and are handed to the waiting call by task id. An answer nobody waits for any more (the call gave up) is
 * dropped: the tool has answered "Timeout" already.
 */
final class InterAgentReplies {

    private static final Logger log = LoggerFactory.getLogger(InterAgentReplies.class);

    private final String queue;
    private final MessageConverter converter;
    private final Map<String, CompletableFuture<InterAgentAnswer>> waiting = new ConcurrentHashMap<>();

    InterAgentReplies(String queue, MessageConverter converter) {
        this.queue = queue;
        this.converter = converter;
    }

    /** The reply queue the asks name. */
    String queue() {
        return queue;
    }

    /** Waits for the answer of {@code taskId} from now on (before the ask is sent, so none is missed). */
    CompletableFuture<InterAgentAnswer> expect(String taskId) {
        return waiting.computeIfAbsent(taskId, id -> new CompletableFuture<>());
    }

    void forget(String taskId) {
        waiting.remove(taskId);
    }

    /** Called by the reply queue's listener container. */
    void onMessage(Message message) {
        Object decoded;
        try {
            decoded = converter.fromMessage(message);
        } catch (MessageConversionException e) {
            log.warn("Dropping an unreadable message on the inter-agent reply queue: {}", e.getMessage());
            return;
        }
        if (!(decoded instanceof InterAgentAnswer answer)) {
            log.warn(
                    "Dropping a {} on the inter-agent reply queue",
                    decoded.getClass().getSimpleName());
            return;
        }
        CompletableFuture<InterAgentAnswer> call = waiting.remove(answer.taskId());
        if (call == null) {
            log.info("Inter-agent answer {} came after its ask gave up; dropped", answer.taskId());
            return;
        }
        call.complete(answer);
    }
}
