package dev.ductor.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.Contract;
import dev.ductor.model.CronFired;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.testkit.time.MutableClock;
import dev.ductor.time.Zones;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiringCronJobsTest {

    record Sent(String transport, Contract message, String id) {}

    @TempDir
    Path home;

    private final List<Sent> sent = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-28T07:59:30Z"));

    private FiringCronJobs firing(Duration catchUp) {
        return firing(catchUp, "main");
    }

    private FiringCronJobs firing(Duration catchUp, String agent) {
        return new FiringCronJobs(
                home.resolve("cron_jobs.json"),
                new Zones(Map.of()),
                () -> "Europe/Berlin",
                ToOrchestrator.of(agent, (transport, message, id) -> {
                    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new org.springframework.amqp.AmqpIOException(new java.io.IOException("broker away"));
                    }
                    sent.add(new Sent(transport, message, id));
                }),
                new SchedulerMetrics(registry),
                (Leadership) leading::get,
                clock,
                catchUp);
    }

    private void jobs(String json, String mtime) throws Exception {
        Path file = home.resolve("cron_jobs.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(mtime)));
    }

    private static final String DAILY = """
            {"jobs": [
              {"id": "daily", "title": "Daily", "schedule": "0 9 * * *", "task_folder": "daily",
               "agent_instruction": "go", "enabled": true, "timezone": "Europe/Berlin", "chat_id": -100, "topic_id": 7},
              {"id": "off", "title": "Off", "schedule": "* * * * *", "task_folder": "off",
               "agent_instruction": "go", "enabled": false},
              {"id": "broken", "title": "Broken", "schedule": "61 * * * *", "task_folder": "b", "agent_instruction": "go"}
            ]}""";

    @Test
    void aSubAgentsJobFiresUnderAnIdOfItsAgentSoTheSameNameOfTwoAgentsNeverCollides() throws Exception {
        // behaviour §5.8: each agent has its own cron_jobs.json; a job named as one of the main agent's is another
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var main = firing(Duration.ZERO, "main");
        var helper = firing(Duration.ZERO, "helper");
        main.tick();
        helper.tick();
        clock.set(Instant.parse("2026-03-28T08:00:00.400Z"));
        main.tick();
        helper.tick();
        long at = Instant.parse("2026-03-28T08:00:00Z").getEpochSecond();
        assertThat(sent).extracting(Sent::id).containsExactly("cron:main:daily:" + at, "cron:helper:daily:" + at);
    }

    @Test
    void aDueJobFiresOnceWithADeterministicIdAndItsNextTimeIsPublished() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var firing = firing(Duration.ZERO);
        firing.tick();
        assertThat(sent).isEmpty();
        clock.set(Instant.parse("2026-03-28T08:00:00.400Z"));
        firing.tick();
        firing.tick();
        assertThat(sent)
                .containsExactly(new Sent(
                        "tg",
                        new CronFired("daily", Instant.parse("2026-03-28T08:00:00Z")),
                        "cron:main:daily:"
                                + Instant.parse("2026-03-28T08:00:00Z").getEpochSecond()));
        // the next day is the first in summer time: 09:00 CEST
        assertThat(registry.get("ductor_cron_next_fire_seconds")
                        .tag("job", "daily")
                        .gauge()
                        .value())
                .isEqualTo((double) Instant.parse("2026-03-29T07:00:00Z").getEpochSecond());
        assertThat(registry.find("ductor_cron_next_fire_seconds")
                        .tag("job", "off")
                        .gauge())
                .isNull();
        assertThat(registry.get("ductor_cron_fires_total")
                        .tag("job", "daily")
                        .tag("outcome", "fired")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void quietHoursSkipSilentlyAndTheFirstHourAfterRuns() throws Exception {
        // scenario 62, in the user's zone (Europe/Berlin, CET = UTC+1 in January)
        jobs("""
                {"jobs": [{"id": "hourly", "schedule": "0 * * * *", "quiet_start": 22, "quiet_end": 7}]}""", "2026-01-01T00:00:00Z");
        clock.set(Instant.parse("2026-01-10T21:30:00Z"));
        var firing = firing(Duration.ZERO);
        firing.tick();
        clock.set(Instant.parse("2026-01-10T22:00:00Z")); // 23:00 local
        firing.tick();
        clock.set(Instant.parse("2026-01-11T05:00:00Z")); // 06:00 local
        firing.tick();
        assertThat(sent).isEmpty();
        assertThat(registry.get("ductor_cron_fires_total")
                        .tag("outcome", "quiet")
                        .counter()
                        .count())
                .isEqualTo(2);
        clock.set(Instant.parse("2026-01-11T06:00:00Z")); // 07:00 local
        firing.tick();
        assertThat(sent)
                .extracting(s -> ((CronFired) s.message()).scheduledFor())
                .containsExactly(Instant.parse("2026-01-11T06:00:00Z"));
    }

    @Test
    void aBrokenFileIsReportedAndTheLastGoodJobsStay() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var firing = firing(Duration.ZERO);
        firing.tick();
        jobs("{\"jobs\": [ {\"id\": ", "2026-03-02T00:00:00Z");
        clock.set(Instant.parse("2026-03-28T08:00:01Z"));
        firing.tick();
        assertThat(sent).extracting(s -> ((CronFired) s.message()).jobId()).containsExactly("daily");
        // fixed: the new content applies
        jobs("""
                {"jobs": [{"id": "minutely", "schedule": "* * * * *"}]}""", "2026-03-03T00:00:00Z");
        clock.set(Instant.parse("2026-03-28T08:01:00Z"));
        firing.tick();
        assertThat(sent).extracting(s -> ((CronFired) s.message()).jobId()).containsExactly("daily", "minutely");
        assertThat(registry.find("ductor_cron_next_fire_seconds")
                        .tag("job", "daily")
                        .gauge())
                .isNull();
    }

    @Test
    void anUnconfirmedPublishIsTriedAgainWithTheSameId() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var firing = firing(Duration.ZERO);
        firing.tick();
        failures.set(2);
        clock.set(Instant.parse("2026-03-28T08:00:00Z"));
        firing.tick();
        clock.advance(Duration.ofSeconds(1));
        firing.tick();
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        firing.tick();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().id())
                .isEqualTo("cron:main:daily:"
                        + Instant.parse("2026-03-28T08:00:00Z").getEpochSecond());
        assertThat(registry.get("ductor_cron_fires_total")
                        .tag("outcome", "publish_failed")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aFireWhosePublishFailedSurvivesAReloadOfTheFile() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var firing = firing(Duration.ZERO);
        firing.tick();
        failures.set(1);
        clock.set(Instant.parse("2026-03-28T08:00:00Z"));
        firing.tick();
        jobs(DAILY.replace("\"title\": \"Daily\"", "\"title\": \"Daily report\""), "2026-03-28T08:00:00Z");
        clock.advance(Duration.ofSeconds(1));
        firing.tick();
        assertThat(sent)
                .extracting(Sent::id)
                .containsExactly("cron:main:daily:"
                        + Instant.parse("2026-03-28T08:00:00Z").getEpochSecond());
    }

    @Test
    void missedFiresAreNotCaughtUpExceptWithinTheGrace() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        clock.set(Instant.parse("2026-03-28T08:05:00Z")); // started five minutes after 09:00 local
        firing(Duration.ofSeconds(90)).tick();
        assertThat(sent).isEmpty();
        clock.set(Instant.parse("2026-03-28T08:00:40Z")); // a failover 40 s after the fire time
        firing(Duration.ofSeconds(90)).tick();
        assertThat(sent).hasSize(1);
    }

    @Test
    void onlyTheLeaderFires() throws Exception {
        jobs(DAILY, "2026-03-01T00:00:00Z");
        var firing = firing(Duration.ofSeconds(90));
        leading.set(false);
        clock.set(Instant.parse("2026-03-28T08:00:00Z"));
        firing.tick();
        assertThat(sent).isEmpty();
        leading.set(true);
        clock.advance(Duration.ofSeconds(30));
        firing.tick();
        assertThat(sent).hasSize(1);
    }
}
