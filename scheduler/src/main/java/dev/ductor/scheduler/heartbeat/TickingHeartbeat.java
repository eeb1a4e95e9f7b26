package dev.ductor.scheduler.heartbeat;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.HeartbeatTick;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.scheduler.time.QuietHours;
import dev.ductor.scheduler.time.Zones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ductor's heartbeat loop (behaviour §6.3), the part that is about time: every {@code interval_minutes} while
 * {@code heartbeat.enabled} (both re-read at each tick, so switching it on or off needs no restart), unless
 * the hour in the user's zone is in the global quiet window, a {@link HeartbeatTick} goes to the
 * orchestrator, which visits each target chat and applies the per-chat skip rules. The first tick comes
 * one interval after the start (or after taking the lead), as ductor's loop sleeps first. A tick the
 * broker did not confirm is tried again at the next call, under the same message id.
 */
public final class TickingHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(TickingHeartbeat.class);

    private final Supplier<DuctorConfig> config;
    private final Zones zones;
    private final ToOrchestrator orchestrator;
    private final SchedulerMetrics metrics;
    private final Leadership leadership;
    private final Clock clock;
    private @Nullable Instant due;

    public TickingHeartbeat(
            Supplier<DuctorConfig> config,
            Zones zones,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock) {
        this.config = config;
        this.zones = zones;
        this.orchestrator = orchestrator;
        this.metrics = metrics;
        this.leadership = leadership;
        this.clock = clock;
    }

    public synchronized void tick() {
        DuctorConfig current = config.get();
        var heartbeat = current.heartbeat();
        if (!heartbeat.enabled() || !leadership.leading()) {
            due = null;
            return;
        }
        Instant now = clock.instant();
        Duration interval = Duration.ofMinutes(Math.max(1, heartbeat.intervalMinutes()));
        if (due == null || due.isAfter(now.plus(interval))) {
            due = now.plus(interval);
            return;
        }
        if (now.isBefore(due)) {
            return;
        }
        int hour = now.atZone(zones.user(current.userTimezone())).getHour();
        if (QuietHours.quiet(heartbeat.quietStart(), heartbeat.quietEnd(), hour)) {
            log.debug("Heartbeat tick skipped: quiet hours {}–{}", heartbeat.quietStart(), heartbeat.quietEnd());
            metrics.heartbeatTick("quiet");
            due = now.plus(interval);
            return;
        }
        try {
            orchestrator.send("tg", new HeartbeatTick("main", due), "hb:main:" + due.getEpochSecond());
        } catch (RuntimeException e) {
            log.error("Heartbeat tick could not be handed to the orchestrator; trying again", e);
            metrics.heartbeatTick("publish_failed");
            return;
        }
        metrics.heartbeatTick("sent");
        due = now.plus(interval);
    }
}
