package dev.ductor.scheduler.watchdog;

import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.state.JsonStateFile;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the bot every {@code ductor.watchdog.interval} while this scheduler holds the lease, and tells the
 * owner on every configured channel when it went silent and when it answers again — once per incident: the
 * incident and the alerts not yet accepted are kept in a state file, so neither a restart nor a failover to
 * another scheduler (sharing {@code DUCTOR_HOME}) announces it twice. An alert a channel refused is retried at
 * the next look; one that reached the other side but whose answer was lost may arrive twice.
 */
public final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final List<Probe> probes;
    private final Map<String, AlertChannel> channels;
    private final Leadership leadership;
    private final JsonStateFile<WatchdogState> file;
    private final Clock clock;
    private final Duration downAfter;
    private final Duration recoverAfter;
    private final WatchdogMetrics metrics;
    private WatchdogState state;

    Watchdog(
            List<Probe> probes,
            List<AlertChannel> channels,
            Leadership leadership,
            JsonStateFile<WatchdogState> file,
            Clock clock,
            Duration downAfter,
            Duration recoverAfter,
            WatchdogMetrics metrics) {
        this.probes = List.copyOf(probes);
        this.channels = channels.stream()
                .collect(Collectors.toMap(
                        AlertChannel::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        this.leadership = leadership;
        this.file = file;
        this.clock = clock;
        this.downAfter = downAfter;
        this.recoverAfter = recoverAfter;
        this.metrics = metrics;
        this.state = file.load();
        metrics.incidentOpen(state.incidentOpen());
    }

    /** One look, then the delivery of what is pending; does nothing on a scheduler that does not lead. */
    public synchronized void tick() {
        if (!leadership.leading()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Probe probe : probes) {
            problems.addAll(probe.problems());
        }
        WatchdogState next =
                state.observe(problems, clock.instant(), downAfter, recoverAfter, List.copyOf(channels.keySet()));
        if (next.incidentOpen() != state.incidentOpen()) {
            if (next.incidentOpen()) {
                log.error("Watchdog: the bot is silent: {}", problems);
            } else {
                log.info("Watchdog: the bot answers again");
            }
            metrics.incidentOpen(next.incidentOpen());
        }
        change(next);
        deliver();
    }

    private void deliver() {
        java.util.Set<String> failed = new java.util.HashSet<>(); // a channel's alerts go out in order
        for (WatchdogState.Pending pending : state.pending()) {
            if (failed.contains(pending.channel())) {
                continue;
            }
            AlertChannel channel = channels.get(pending.channel());
            if (channel == null) { // a channel configured when the alert was queued, not any more
                change(state.delivered(pending));
                continue;
            }
            try {
                channel.send(pending.alert());
                metrics.alert(pending.alert().event(), channel.name(), "sent");
                change(state.delivered(pending));
            } catch (IOException | RuntimeException e) {
                failed.add(channel.name());
                metrics.alert(pending.alert().event(), channel.name(), "failed");
                log.warn(
                        "Watchdog: the {} alert could not be sent by {} ({}); retrying at the next look",
                        pending.alert().event(),
                        channel.name(),
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void change(WatchdogState next) {
        if (!next.equals(state)) {
            state = next;
            try {
                file.save(next);
            } catch (RuntimeException e) {
                log.warn("Watchdog: its state could not be written ({}); kept in memory", e.toString());
            }
        }
    }

    WatchdogState state() {
        return state;
    }
}
