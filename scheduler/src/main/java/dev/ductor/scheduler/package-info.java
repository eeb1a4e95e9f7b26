/**
 * The scheduler service: owns the time-driven and HTTP-driven triggers (cron jobs, webhook ingress,
 * heartbeat ticks) and the daily cleanup, and hands each trigger to the orchestrator as a confirmed bus
 * message.
 */
@NullMarked
package dev.ductor.scheduler;

import org.jspecify.annotations.NullMarked;
