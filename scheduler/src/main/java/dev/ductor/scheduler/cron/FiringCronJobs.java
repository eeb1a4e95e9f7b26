package dev.ductor.scheduler.cron;

import dev.ductor.model.CronFired;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.time.QuietHours;
import dev.ductor.time.Zones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due cron jobs, called about once a second. Each job's next time is computed in its zone
 * ({@link Zones}); a due job is published as a durable {@link CronFired} with the message id
 * {@code cron:<agent>:<job>:<epoch second>}, so the same fire sent twice (a retry, a second scheduler) runs once.
 * A job in its quiet hours is skipped silently (behaviour §6.1 step 1); a publish the broker did not confirm is
 * tried again at the next tick. Only the leader fires.
 *
 * <p>Missed fires: ductor schedules from "now" at start and never catches up. Here, too, except that a
 * fire missed by at most {@code catchUp} (a quick restart, a failover between two schedulers) is made up
 * once; of several missed occurrences only the latest fires.
 */
public final class FiringCronJobs {

    private static final Logger log = LoggerFactory.getLogger(FiringCronJobs.class);

    private record Due(ZoneId zone, Instant at) {}

    private final CronJobsFile file;
    private final Zones zones;
    private final Supplier<String> userTimezone;
    private final ToOrchestrator orchestrator;
    private final SchedulerMetrics metrics;
    private final Leadership leadership;
    private final Clock clock;
    private final Duration catchUp;
    private final Map<String, Due> due = new HashMap<>();
    private Instant since = Instant.MIN;
    private boolean leading;

    public FiringCronJobs(
            java.nio.file.Path cronJobsJson,
            Zones zones,
            Supplier<String> userTimezone,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock,
            Duration catchUp) {
        this.file = new CronJobsFile(cronJobsJson);
        this.zones = zones;
        this.userTimezone = userTimezone;
        this.orchestrator = orchestrator;
        this.metrics = metrics;
        this.leadership = leadership;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    public synchronized void tick() {
        if (!leadership.leading()) {
            leading = false;
            return;
        }
        Instant now = clock.instant();
        if (!leading) {
            leading = true;
            since = now.minus(catchUp);
            due.clear();
        }
        if (file.reloadIfChanged()) {
            // Everything is rescheduled from the last tick: what already fired does not fire again. A fire
            // that came due but was not published yet is kept, or the reload would drop it.
            due.values().removeIf(pending -> pending.at().isAfter(now));
        }
        List<CronJob> jobs = file.jobs();
        Set<String> scheduled = new HashSet<>();
        for (CronJob job : jobs) {
            CronExpression expression = job.expression();
            if (!job.enabled() || expression == null) {
                continue;
            }
            ZoneId zone = zones.resolve(job.timezone(), userTimezone.get());
            @Nullable Due next = due.get(job.id());
            if (next == null || !next.zone().equals(zone)) {
                Optional<Instant> first = expression.next(since, zone);
                if (first.isEmpty()) {
                    continue;
                }
                next = new Due(zone, first.get());
            }
            if (!next.at().isAfter(now)) {
                Instant latest = latestDue(expression, next.at(), now, zone);
                if (fire(job, latest)) {
                    next = expression
                            .next(now, zone)
                            .map(at -> new Due(zone, at))
                            .orElse(null);
                } else {
                    next = new Due(zone, latest);
                }
            }
            if (next != null) {
                due.put(job.id(), next);
                scheduled.add(job.id());
                metrics.nextFire(job.id(), next.at());
            }
        }
        due.keySet().retainAll(scheduled);
        for (String gone : metrics.jobsWithNextFire()) {
            if (!scheduled.contains(gone)) {
                metrics.nextFire(gone, null);
            }
        }
        since = now;
    }

    private static Instant latestDue(CronExpression expression, Instant first, Instant now, ZoneId zone) {
        Instant latest = first;
        while (true) {
            Optional<Instant> following = expression.next(latest, zone);
            if (following.isEmpty() || following.get().isAfter(now)) {
                return latest;
            }
            latest = following.get();
        }
    }

    /** True when the fire was handled (published or skipped as quiet), false to try again. */
    private boolean fire(CronJob job, Instant scheduledFor) {
        int hour = scheduledFor.atZone(zones.user(userTimezone.get())).getHour();
        if (QuietHours.quiet(job.quietStart(), job.quietEnd(), hour)) {
            log.info(
                    "Cron job {} due at {} skipped: quiet hours {}–{}",
                    job.id(),
                    scheduledFor,
                    job.quietStart(),
                    job.quietEnd());
            metrics.cronFire(job.id(), "quiet");
            return true;
        }
        try {
            orchestrator.send(
                    job.transport(),
                    new CronFired(job.id(), scheduledFor),
                    "cron:" + orchestrator.agent() + ":" + job.id() + ":" + scheduledFor.getEpochSecond());
        } catch (RuntimeException e) {
            log.error(
                    "Cron job {} due at {} could not be handed to the orchestrator; trying again",
                    job.id(),
                    scheduledFor,
                    e);
            metrics.cronFire(job.id(), "publish_failed");
            return false;
        }
        log.info("Cron job {} fired for {}", job.id(), scheduledFor);
        metrics.cronFire(job.id(), "fired");
        return true;
    }
}
