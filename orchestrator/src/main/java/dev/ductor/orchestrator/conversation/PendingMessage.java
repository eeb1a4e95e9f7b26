package dev.ductor.orchestrator.conversation;

import dev.ductor.model.InboundMessage;

/** A user message waiting for its turn, with its dedup key and its unsettled broker delivery. */
public record PendingMessage(InboundMessage message, String key, Acker acker) {}
