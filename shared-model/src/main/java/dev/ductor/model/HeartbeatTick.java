package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's heartbeat interval elapsed for an agent: with no {@code target}, the global loop's tick
 * (every allowed user's private chat and the group targets without an interval of their own); with one,
 * the tick of that group target's own loop (behaviour §6.3).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatTick(
        String agent, Instant at, @Nullable ChatRef target) implements Contract {

    /** The global loop's tick. */
    public HeartbeatTick(String agent, Instant at) {
        this(agent, at, null);
    }

    /** The message id: one per loop and due time, so the same tick sent twice runs once. */
    public String messageId() {
        String loop = target == null ? "" : ":" + target.storageKey();
        return "hb:" + agent + loop + ":" + at.getEpochSecond();
    }
}
