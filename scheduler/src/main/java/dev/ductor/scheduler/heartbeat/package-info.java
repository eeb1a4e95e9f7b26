/** Heartbeat ticks: every {@code heartbeat.interval_minutes} a {@code HeartbeatTick} for the orchestrator, which decides per chat. */
@NullMarked
package dev.ductor.scheduler.heartbeat;

import org.jspecify.annotations.NullMarked;
