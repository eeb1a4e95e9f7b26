/**
 * The scheduler service: owns time-driven and HTTP-driven triggers (cron jobs, heartbeat ticks, webhook
 * ingress). This walking skeleton runs it with the shared bus, config and observability; the triggers
 * themselves arrive with the automation issue.
 */
@NullMarked
package dev.ductor.scheduler;

import org.jspecify.annotations.NullMarked;
