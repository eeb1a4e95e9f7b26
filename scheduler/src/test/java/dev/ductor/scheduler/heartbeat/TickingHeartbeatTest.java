package dev.ductor.scheduler.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.Contract;
import dev.ductor.model.HeartbeatTick;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.TestConfigs;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.testkit.time.MutableClock;
import dev.ductor.time.Zones;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickingHeartbeatTest {

    @TempDir
    Path dir;

    private final List<Contract> sent = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));

    private DuctorConfig config(boolean enabled) {
        return TestConfigs.load(dir, """
                {"user_timezone": "Asia/Kolkata",
                 "heartbeat": {"enabled": %s, "interval_minutes": 30, "quiet_start": 21, "quiet_end": 8}}""".formatted(enabled));
    }

    private TickingHeartbeat heartbeat(AtomicReference<DuctorConfig> config) {
        return heartbeat(config, "main");
    }

    private TickingHeartbeat heartbeat(AtomicReference<DuctorConfig> config, String agent) {
        return new TickingHeartbeat(
                config::get,
                new Zones(Map.of()),
                ToOrchestrator.of(agent, (t, m, id) -> {
                    sent.add(m);
                    ids.add(id);
                }),
                new SchedulerMetrics(registry),
                Leadership.ALWAYS,
                clock);
    }

    @Test
    void ticksEveryIntervalOutsideQuietHoursWhileEnabled() {
        var config = new AtomicReference<>(config(true));
        var heartbeat = heartbeat(config);
        heartbeat.tick(); // 15:30 in Kolkata: the loop sleeps one interval first
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofMinutes(29));
        heartbeat.tick();
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        heartbeat.tick();
        heartbeat.tick();
        assertThat(sent).containsExactly(new HeartbeatTick("main", Instant.parse("2026-06-01T10:30:00Z")));
        assertThat(ids)
                .containsExactly(
                        "hb:main:" + Instant.parse("2026-06-01T10:30:00Z").getEpochSecond());

        clock.set(Instant.parse("2026-06-01T16:00:00Z")); // 21:30 in Kolkata: quiet
        heartbeat.tick();
        assertThat(sent).hasSize(1);
        assertThat(registry.get("ductor_heartbeat_ticks_total")
                        .tag("outcome", "quiet")
                        .counter()
                        .count())
                .isEqualTo(1);

        config.set(config(false));
        clock.set(Instant.parse("2026-06-02T06:00:00Z"));
        heartbeat.tick();
        assertThat(sent).hasSize(1);
        config.set(config(true));
        heartbeat.tick();
        clock.advance(Duration.ofMinutes(30));
        heartbeat.tick();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aSubAgentsTicksAreItsOwnForItsOwnChats() {
        // behaviour §5.8: the helper's heartbeat reaches its orchestrator, its group target is the helper's chat
        var config = new AtomicReference<>(TestConfigs.load(dir, """
                {"user_timezone": "UTC",
                 "heartbeat": {"enabled": true, "interval_minutes": 30, "quiet_start": 0, "quiet_end": 0,
                   "group_targets": [{"enabled": true, "chat_id": -100, "interval_minutes": 30}]}}"""));
        var heartbeat = heartbeat(config, "helper");
        heartbeat.tick();
        clock.advance(Duration.ofMinutes(30));
        heartbeat.tick();
        Instant at = Instant.parse("2026-06-01T10:30:00Z");
        assertThat(sent)
                .containsExactlyInAnyOrder(
                        new HeartbeatTick("helper", at),
                        new HeartbeatTick("helper", at, new dev.ductor.model.ChatRef("tg", "helper", -100, null)));
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "hb:helper:" + at.getEpochSecond(), "hb:helper:tg:-100:" + at.getEpochSecond());
    }

    @Test
    void aGroupTargetWithItsOwnIntervalHasItsOwnLoopAndQuietHours() {
        var config = new AtomicReference<>(TestConfigs.load(dir, """
                {"user_timezone": "UTC",
                 "heartbeat": {"enabled": true, "interval_minutes": 60, "quiet_start": 0, "quiet_end": 0,
                   "group_targets": [
                     {"enabled": true, "chat_id": -100, "topic_id": 7, "interval_minutes": 10,
                      "quiet_start": 12, "quiet_end": 13},
                     {"enabled": true, "chat_id": -200}]}}"""));
        var heartbeat = heartbeat(config);
        var group = new dev.ductor.model.ChatRef("tg", "main", -100, 7L);
        heartbeat.tick(); // 10:00: both loops sleep first
        for (int minute = 1; minute <= 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            heartbeat.tick();
        }

        assertThat(sent)
                .filteredOn(t -> ((HeartbeatTick) t).target() != null)
                .extracting(t -> ((HeartbeatTick) t).at())
                .containsExactly(
                        Instant.parse("2026-06-01T10:10:00Z"),
                        Instant.parse("2026-06-01T10:20:00Z"),
                        Instant.parse("2026-06-01T10:30:00Z"),
                        Instant.parse("2026-06-01T10:40:00Z"),
                        Instant.parse("2026-06-01T10:50:00Z"),
                        Instant.parse("2026-06-01T11:00:00Z"));
        assertThat(sent).contains(new HeartbeatTick("main", Instant.parse("2026-06-01T11:00:00Z")));
        assertThat(ids)
                .contains("hb:main:tg:-100:7:"
                        + Instant.parse("2026-06-01T10:10:00Z").getEpochSecond());
        assertThat(sent).hasSize(7); // six of the target's loop, one of the global loop (which visits -200)

        clock.set(Instant.parse("2026-06-01T12:00:00Z")); // the target's own quiet hours, not the global ones
        sent.clear();
        for (int minute = 1; minute <= 30; minute++) {
            clock.advance(Duration.ofMinutes(1));
            heartbeat.tick();
        }
        assertThat(sent)
                .filteredOn(t -> group.equals(((HeartbeatTick) t).target()))
                .isEmpty();
    }
}
