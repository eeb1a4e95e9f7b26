package dev.ductor.scheduler.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the watchdog remembers across restarts and failovers ({@code state/scheduler/watchdog.json}), so an
 * incident is announced once and its recovery still is after a restart.
 *
 * @param failingSince start of the current unbroken stretch of failing looks
 * @param passingSince start of the current unbroken stretch of passing looks while an incident is open
 * @param openSince when the open incident began (its down alert is due or sent); null when none is open
 * @param pending alerts not yet accepted by their channel, oldest first
 */
record WatchdogState(
        @Nullable Instant failingSince,
        @Nullable Instant passingSince,
        @Nullable Instant openSince,
        List<Pending> pending) {

    /** An alert still to deliver on one channel. */
    record Pending(String channel, Alert alert) {}

    WatchdogState {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    static WatchdogState quiet() {
        return new WatchdogState(null, null, null, List.of());
    }

    boolean incidentOpen() {
        return openSince != null;
    }

    /**
     * The state after one look: an incident opens when looks have failed for {@code downAfter} without a
     * break, and closes when they have passed for {@code recoverAfter}; each opening and closing queues one
     * alert per channel.
     */
    WatchdogState observe(
            List<String> problems, Instant now, Duration downAfter, Duration recoverAfter, List<String> channels) {
        if (!problems.isEmpty()) {
            Instant failing = failingSince == null ? now : failingSince;
            if (openSince == null && !now.isBefore(failing.plus(downAfter))) {
                var alert = new Alert(Alert.DOWN, AlertTexts.down(problems, failing), problems, failing);
                return new WatchdogState(failing, null, failing, queued(channels, alert));
            }
            return new WatchdogState(failing, null, openSince, pending);
        }
        if (openSince == null) {
            return new WatchdogState(null, null, null, pending);
        }
        Instant passing = passingSince == null ? now : passingSince;
        if (!now.isBefore(passing.plus(recoverAfter))) {
            var alert = new Alert(Alert.RECOVERED, AlertTexts.recovered(openSince, passing), List.of(), openSince);
            return new WatchdogState(null, null, null, queued(channels, alert));
        }
        return new WatchdogState(null, passing, openSince, pending);
    }

    WatchdogState delivered(Pending done) {
        List<Pending> left = new ArrayList<>(pending);
        left.remove(done);
        return new WatchdogState(failingSince, passingSince, openSince, left);
    }

    private List<Pending> queued(List<String> channels, Alert alert) {
        List<Pending> all = new ArrayList<>(pending);
        channels.forEach(channel -> all.add(new Pending(channel, alert)));
        return all;
    }
}
