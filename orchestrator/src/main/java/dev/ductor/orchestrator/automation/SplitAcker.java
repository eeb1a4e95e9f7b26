package dev.ductor.orchestrator.automation;

import dev.ductor.orchestrator.conversation.Acker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bus delivery that became several messages (a wake webhook for several chats): the delivery is
 * acked when every part was, and requeued as soon as one part is (the parts already handled are then
 * recognised by their keys when it comes back).
 */
final class SplitAcker {

    private final Acker delivery;
    private final AtomicInteger open;

    SplitAcker(Acker delivery, int parts) {
        this.delivery = delivery;
        this.open = new AtomicInteger(parts);
    }

    Acker part() {
        return new Acker() {
            private final java.util.concurrent.atomic.AtomicBoolean settled =
                    new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void ack() {
                if (settled.compareAndSet(false, true) && open.decrementAndGet() == 0) {
                    delivery.ack();
                }
            }

            @Override
            public void requeue() {
                if (settled.compareAndSet(false, true)) {
                    delivery.requeue();
                }
            }
        };
    }
}
