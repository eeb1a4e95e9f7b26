package dev.ductor.scheduler.heartbeat;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.HeartbeatTick;
import dev.ductor.model.Transport;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.time.QuietHours;
import dev.ductor.time.Zones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ductor's heartbeat loops (behaviour §6.3), the part that is about time: every {@code interval_minutes} while
 * {@code heartbeat.enabled} (both re-read at each tick, so switching it on or off needs no restart), unless
 * the hour in the user's zone is in the global quiet window, a {@link HeartbeatTick} goes to the
 * orchestrator, which visits each target chat and applies the per-chat skip rules. A group target with an
 * {@code interval_minutes} of its own has a loop of its own, with its own quiet hours (else the global
 * ones), whose ticks name it. The first tick comes
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
    /** The due times of the group targets that have an interval of their own. */
    private final Map<ChatRef, Instant> targetDue = new HashMap<>();

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
            targetDue.clear();
            return;
        }
        Instant now = clock.instant();
        int hour = now.atZone(zones.user(current.userTimezone())).getHour();
        due = loop(null, due, heartbeat.intervalMinutes(), heartbeat.quietStart(), heartbeat.quietEnd(), now, hour);
        Map<ChatRef, Instant> kept = new HashMap<>();
        for (var group : heartbeat.groupTargets()) {
            if (!group.enabled() || group.chatId() == 0 || group.intervalMinutes() == null) {
                continue; // the global loop visits it (or nobody does)
            }
            ChatRef target =
                    new ChatRef(Transport.TELEGRAM.code(), orchestrator.agent(), group.chatId(), group.topicId());
            Instant next = loop(
                    target,
                    targetDue.get(target),
                    group.intervalMinutes(),
                    group.quietStart() == null ? heartbeat.quietStart() : group.quietStart(),
                    group.quietEnd() == null ? heartbeat.quietEnd() : group.quietEnd(),
                    now,
                    hour);
            if (next != null) {
                kept.put(target, next);
            }
        }
        targetDue.clear(); // a target removed from the config or switched off ends its loop
        targetDue.putAll(kept);
    }

    /**
     * One loop's step: the due time after this tick. The first step only sets it one interval ahead (as
     * ductor's loop sleeps first); a due time in the quiet window is skipped; a tick the broker did not
     * confirm keeps its due time, to be sent again at the next call under the same message id.
     */
    private @Nullable Instant loop(
            @Nullable ChatRef target,
            @Nullable Instant due,
            int intervalMinutes,
            int quietStart,
            int quietEnd,
            Instant now,
            int hour) {
        Duration interval = Duration.ofMinutes(Math.max(1, intervalMinutes));
        if (due == null || due.isAfter(now.plus(interval))) {
            return now.plus(interval);
        }
        if (now.isBefore(due)) {
            return due;
        }
        if (QuietHours.quiet(quietStart, quietEnd, hour)) {
            log.debug(
                    "Heartbeat tick {} skipped: quiet hours {}–{}", target == null ? "" : target, quietStart, quietEnd);
            metrics.heartbeatTick("quiet");
            return now.plus(interval);
        }
        var tick = new HeartbeatTick(orchestrator.agent(), due, target);
        try {
            orchestrator.send(Transport.TELEGRAM.code(), tick, tick.messageId());
        } catch (RuntimeException e) {
            log.error("Heartbeat tick could not be handed to the orchestrator; trying again", e);
            metrics.heartbeatTick("publish_failed");
            return due;
        }
        metrics.heartbeatTick("sent");
        return now.plus(interval);
    }
}
