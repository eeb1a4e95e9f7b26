package dev.ductor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PollingThreadTest {

    @Test
    void stopEndsTheLoopsPauseRunsWhatElseStopsAndWaitsForTheThread() {
        PollingThread polling = new PollingThread("test-poller");
        List<String> seen = new CopyOnWriteArrayList<>();
        polling.start(() -> {
            seen.add(Thread.currentThread().getName());
            while (!polling.stopped()) {
                polling.pause(Duration.ofMinutes(10));
            }
            seen.add("ended");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(polling.alive()).isTrue();
        assertThat(polling.started()).isTrue();

        polling.stop(() -> seen.add("also stopping, the loop told: " + polling.stopped()));

        assertThat(seen).containsExactly("test-poller", "also stopping, the loop told: true", "ended");
        assertThat(polling.alive()).isFalse();
        assertThat(polling.started()).isFalse();
    }

    @Test
    void anInterruptOfTheLoopsThreadStopsItButItStaysStartedUntilStopped() {
        PollingThread polling = new PollingThread("test-poller");
        polling.start(() -> {
            Thread.currentThread().interrupt();
            polling.pause(Duration.ofMinutes(10));
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !polling.alive());
        assertThat(polling.stopped()).isTrue();
        assertThat(polling.started())
                .as("so the service still stops what the loop left")
                .isTrue();
        polling.stop();
        assertThat(polling.started()).isFalse();
    }
}
