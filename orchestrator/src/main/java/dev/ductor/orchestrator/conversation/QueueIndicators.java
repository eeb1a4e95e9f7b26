package dev.ductor.orchestrator.conversation;

import dev.ductor.model.Button;
import dev.ductor.orchestrator.reply.Replies;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The {@code [Message in queue...]} reply with its "Cancel message" button (behaviour §3.7) for a message
 * waiting behind a running turn: deleted when the message's turn starts, edited when it is cancelled or
 * discarded. Names and message ids derive from the message's dedup key, so a message queued again after
 * a restart reuses its indicator instead of showing a second one.
 */
@Component
public class QueueIndicators {

    public static final String CALLBACK_PREFIX = dev.ductor.model.ButtonData.QUEUE_CANCEL;

    static final String QUEUED = "_[Message in queue...]_";
    static final String CANCELLED = "_[Message cancelled.]_";
    static final String DISCARDED = "_[Message discarded.]_";

    private final Replies replies;

    QueueIndicators(Replies replies) {
        this.replies = replies;
    }

    public void show(PendingMessage pending) {
        var message = pending.message();
        String ref = ref(pending);
        bestEffort(
                "show",
                pending,
                () -> replies.named(
                        message.chat(),
                        ref,
                        ref + ":show",
                        QUEUED,
                        message.transportMessageId(),
                        List.of(List.of(
                                new Button("Cancel message", CALLBACK_PREFIX + message.transportMessageId())))));
    }

    /** Its turn starts: the indicator goes away. */
    public void remove(PendingMessage pending) {
        String ref = ref(pending);
        bestEffort("remove", pending, () -> replies.delete(pending.message().chat(), ref, ref + ":delete"));
    }

    public void cancelled(PendingMessage pending) {
        String ref = ref(pending);
        bestEffort(
                "edit",
                pending,
                () -> replies.edit(pending.message().chat(), ref, ref + ":cancelled", CANCELLED, List.of()));
    }

    public void discarded(PendingMessage pending) {
        String ref = ref(pending);
        bestEffort(
                "edit",
                pending,
                () -> replies.edit(pending.message().chat(), ref, ref + ":discarded", DISCARDED, List.of()));
    }

    /**
     * An indicator is a courtesy: failing to publish it must never change what happens to the message
     * (which is settled exactly once by its owner), so a failure is logged, not thrown.
     */
    private static void bestEffort(String what, PendingMessage pending, Runnable publish) {
        try {
            publish.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(QueueIndicators.class)
                    .warn("Could not {} the queue indicator of {}: {}", what, pending.key(), e.toString());
        }
    }

    private static String ref(PendingMessage pending) {
        return "mq-" + pending.key();
    }
}
