package dev.ductor.gateway.telegram.inbound;

import dev.ductor.model.Contract;
import org.jspecify.annotations.Nullable;

/**
 * One update as the gateway understood it: {@code kind} for metrics, and the contract with its
 * deterministic bus message id, or no contract when the update kind is not supported.
 */
record Converted(String kind, @Nullable Contract contract, String messageId) {

    static Converted unsupported(String kind) {
        return new Converted(kind, null, "");
    }
}
