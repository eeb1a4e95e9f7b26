package dev.ductor.scheduler.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.testkit.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident rules of the watchdog (issue 17 item 6) on a fake clock: once down, once recovered. */
class WatchdogTest {

    private static final Duration LOOK = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final List<String> problems = new ArrayList<>();
    private final RecordingChannel webhook = new RecordingChannel("webhook");
    private final RecordingChannel telegram = new RecordingChannel("telegram");
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Watchdog watchdog() {
        var mapper = DuctorJson.mapper();
        var file = new JsonStateFile<>(
                home.resolve("state/scheduler/watchdog.json"),
                mapper,
                mapper.constructType(WatchdogState.class),
                WatchdogState::quiet);
        Leadership leadership = leading::get;
        return new Watchdog(
                List.of(() -> List.copyOf(problems)),
                List.of(webhook, telegram),
                leadership,
                file,
                clock,
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                new WatchdogMetrics(registry));
    }

    private void look(Watchdog watchdog, int times) {
        for (int i = 0; i < times; i++) {
            watchdog.tick();
            clock.advance(LOOK);
        }
    }

    @Test
    void aSilenceLongerThanDownAfterIsToldOnceOnEveryChannelAndItsEndOnceToo() {
        Watchdog watchdog = watchdog();
        look(watchdog, 3);
        problems.add("the orchestrator does not take the users' messages (no consumer on orchestrator.inbound)");
        look(watchdog, 4); // 0:00 … 1:30 failing: not yet
        assertThat(webhook.sent).isEmpty();
        look(watchdog, 20); // 2:00 on: one alert, however long it lasts
        assertThat(webhook.sent).extracting(Alert::event).containsExactly("down");
        assertThat(telegram.sent).extracting(Alert::event).containsExactly("down");
        assertThat(webhook.sent.getFirst().text())
                .startsWith("ductor is not answering since 2026-12-06 10:01 UTC:")
                .contains("- the orchestrator does not take the users' messages");
        assertThat(registry.get("ductor_watchdog_incident_open").gauge().value())
                .isEqualTo(1.0);

        problems.clear();
        look(watchdog, 2); // 0:00, 0:30 passing: not yet
        assertThat(webhook.sent).hasSize(1);
        look(watchdog, 10);
        assertThat(webhook.sent).extracting(Alert::event).containsExactly("down", "recovered");
        assertThat(telegram.sent).extracting(Alert::event).containsExactly("down", "recovered");
        assertThat(webhook.sent.get(1).text())
                .startsWith("ductor answers again since")
                .contains("silent for 12 minutes");
        assertThat(registry.get("ductor_watchdog_incident_open").gauge().value())
                .isZero();
        assertThat(webhookDownAlerts("sent")).isEqualTo(1.0);
    }

    @Test
    void aShortBlipIsNoIncidentAndAPassingLookStartsTheCountAgain() {
        Watchdog watchdog = watchdog();
        for (int round = 0; round < 10; round++) {
            problems.add("the gateway tg.main does not take the answers");
            look(watchdog, 3); // 1:30 failing
            problems.clear();
            look(watchdog, 1);
        }
        assertThat(webhook.sent).isEmpty();
    }

    @Test
    void newProblemsDuringAnIncidentAreNoSecondAlert() {
        Watchdog watchdog = watchdog();
        problems.add("the orchestrator does not take the users' messages");
        look(watchdog, 6);
        problems.add("the gateway tg.main does not take the answers");
        look(watchdog, 6);
        problems.removeFirst();
        look(watchdog, 6);
        assertThat(webhook.sent).extracting(Alert::event).containsExactly("down");
    }

    @Test
    void anAlertTheChannelRefusedIsSentAtTheNextLookAndTheOtherChannelIsNotHeldBack() {
        Watchdog watchdog = watchdog();
        webhook.failing = true;
        problems.add("the orchestrator does not take the users' messages");
        look(watchdog, 6);
        assertThat(webhook.sent).isEmpty();
        assertThat(telegram.sent).hasSize(1);
        problems.clear();
        look(watchdog, 4); // recovered while the webhook is still down: queued behind the down alert
        webhook.failing = false;
        look(watchdog, 1);
        assertThat(webhook.sent).extracting(Alert::event).containsExactly("down", "recovered");
        assertThat(telegram.sent).extracting(Alert::event).containsExactly("down", "recovered");
        assertThat(webhookDownAlerts("failed")).isGreaterThan(1.0);
    }

    @Test
    void aRestartDuringAnIncidentNeitherRepeatsTheDownAlertNorForgetsTheRecovery() {
        problems.add("the orchestrator does not take the users' messages");
        look(watchdog(), 6);
        assertThat(webhook.sent).hasSize(1);

        Watchdog restarted = watchdog();
        look(restarted, 6);
        assertThat(webhook.sent).hasSize(1);
        problems.clear();
        look(restarted, 4);
        assertThat(webhook.sent).extracting(Alert::event).containsExactly("down", "recovered");
    }

    @Test
    void aSchedulerThatDoesNotLeadNeitherLooksNorTells() {
        leading.set(false);
        List<String> looked = new ArrayList<>();
        var mapper = DuctorJson.mapper();
        var watchdog = new Watchdog(
                List.of(() -> {
                    looked.add("look");
                    return List.of("the orchestrator does not take the users' messages");
                }),
                List.of(webhook),
                leading::get,
                new JsonStateFile<>(
                        home.resolve("w.json"),
                        mapper,
                        mapper.constructType(WatchdogState.class),
                        WatchdogState::quiet),
                clock,
                Duration.ZERO,
                Duration.ZERO,
                new WatchdogMetrics(registry));
        look(watchdog, 10);
        assertThat(looked).isEmpty();
        assertThat(webhook.sent).isEmpty();
        leading.set(true);
        look(watchdog, 1);
        assertThat(webhook.sent).hasSize(1);
    }

    private double webhookDownAlerts(String result) {
        return registry.get("ductor_watchdog_alerts_total")
                .tags("event", "down", "channel", "webhook", "result", result)
                .counter()
                .count();
    }

    private static final class RecordingChannel implements AlertChannel {
        private final String name;
        final List<Alert> sent = new ArrayList<>();
        boolean failing;

        RecordingChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Alert alert) throws IOException {
            if (failing) {
                throw new IOException("the webhook answered HTTP 502");
            }
            sent.add(alert);
        }
    }
}
