package dev.ductor.orchestrator.conversation;

/**
 * Settles the broker delivery of an inbound message. The orchestrator holds a message unacked until its
 * turn is handed to the runners (or it was answered, dropped or discarded): if the orchestrator dies
 * before that, the broker redelivers it.
 */
public interface Acker {

    void ack();

    /** Gives the message back to the broker to be delivered again later. */
    void requeue();

    Acker NONE = new Acker() {
        @Override
        public void ack() {}

        @Override
        public void requeue() {}
    };
}
