package dev.ductor.orchestrator.conversation;

import dev.ductor.bus.Traces;
import dev.ductor.model.InboundMessage;
import org.jspecify.annotations.Nullable;

/**
 * A user message waiting for its turn, with its dedup key, its unsettled broker delivery, and the trace
 * it arrived with (a queued message may start later on another thread, under another turn's trace).
 */
public record PendingMessage(
        InboundMessage message,
        String key,
        Acker acker,
        @Nullable String traceparent) {

    /** A message arriving now, on the thread that consumed it: it keeps that thread's trace. */
    public PendingMessage(InboundMessage message, String key, Acker acker) {
        this(message, key, acker, Traces.current());
    }
}
