/**
 * Wall-clock rules shared by the services: which zone a job or the user lives in (cron, heartbeat, the
 * daily session reset) and quiet hours — one rule each, so the scheduler and the orchestrator never disagree —
 * and the exponential backoff of the gateways' retry loops.
 */
@NullMarked
package dev.ductor.time;

import org.jspecify.annotations.NullMarked;
